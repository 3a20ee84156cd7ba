using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoReplies;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>A Portal with a small set of auto-reply rules, shared by the webhook tests of one class.</summary>
public sealed class WebhookApp : PortalAppFactory, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var rules = Services.GetRequiredService<AutoReplyRuleStore>();
        async Task Add(string name, RuleTrigger trigger, string? pattern, Reply reply, int priority = 0) =>
            await rules.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = name, Trigger = trigger, Pattern = pattern, Reply = reply, Priority = priority });

        await Add("hours", RuleTrigger.Exact, "hours", new TextReply("We open 9:00–18:00."));
        await Add("price", RuleTrigger.Contains, "price", new TextReply("See the price list in the menu."));
        await Add("order", RuleTrigger.Regex, @"^order\s*#?(\d{6})$", new TextReply("Looking up your order."));
        await Add("image", RuleTrigger.Exact, "logo", new ImageReply("media-logo"));
        await Add("voice", RuleTrigger.Exact, "voice", new VoiceReply("media-voice"));
        await Add("video", RuleTrigger.Exact, "video", new VideoReply("media-video", "Tour", "Our shop"));
        await Add("music", RuleTrigger.Exact, "music", new MusicReply("media-thumb", "Song", "Best", "http://m.example/a.mp3", "http://m.example/a-hq.mp3"));
        await Add("news", RuleTrigger.Exact, "news", new NewsReply([new NewsArticle("Spring sale", "Up to 50%", "http://img.example/1.jpg", "http://portal.example/a/1")]));
        await Add("human", RuleTrigger.Exact, "human", new TransferCustomerServiceReply("alice@shop"));
        await Add("greeting", RuleTrigger.Follow, null, new TextReply("Welcome!"));
        await Add("poster greeting", RuleTrigger.Follow, "poster", new TextReply("Welcome, poster reader!"));
        await Add("menu", RuleTrigger.Click, "MENU_HOURS", new TextReply("Open daily."));
        await Add("default", RuleTrigger.Default, null, new TextReply("Thanks, we will get back to you."));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
