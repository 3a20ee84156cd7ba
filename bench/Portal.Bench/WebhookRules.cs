using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.AutoReplies;
using Portal.Core.Data;
using Portal.Core.WeChat.Replies;

namespace Portal.Bench;

/// <summary>
/// Gives the load benchmark's account the rules a real one has, so every message is matched and answered (and,
/// in AES mode, the answer encrypted and signed) instead of answered <c>success</c>: a keyword rule that the
/// benchmark's messages match, behind two that they do not, and a default reply.
/// </summary>
public static class WebhookRules
{
    public static async Task<int> SeedAsync(string[] args)
    {
        if (args is not [var dataFolder])
        {
            Console.Error.WriteLine("usage: Portal.Bench rules <data-folder>");
            return 2;
        }

        using var db = new DbConnectionFactory(Options.Create(new DatabaseOptions { DataFolder = dataFolder }));
        await new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        var store = new AutoReplyRuleStore(db, TimeProvider.System);
        AutoReplyRule[] rules =
        [
            new() { Name = "opening hours", Trigger = RuleTrigger.Contains, Pattern = "hours", Priority = 30, Reply = new TextReply("We are open 9:00 to 18:00, Monday to Saturday.") },
            new() { Name = "order number", Trigger = RuleTrigger.Regex, Pattern = "^order\\s+\\d{6,}$", Priority = 20, Reply = new TextReply("Looking up your order; we will message you shortly.") },
            new() { Name = "greeting", Trigger = RuleTrigger.Contains, Pattern = "hello", Priority = 10, Reply = new TextReply("Hello! Thanks for writing to us. Tap the menu below for our products, or leave a message & we'll answer <soon>.") },
            new() { Name = "default", Trigger = RuleTrigger.Default, Reply = new TextReply("Thanks, we got your message.") },
        ];
        foreach (var rule in rules)
            await store.AddAsync(WeChatAccount.DefaultId, rule);
        return 0;
    }
}
