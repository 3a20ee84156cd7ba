using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.AutoReplies;
using Portal.Core.Data;
using Portal.Core.Inbox;
using Portal.Core.Messaging;
using Portal.Core.Operators;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Inbox;

/// <summary>
/// "Unanswered only" lists what still needs a person: a message a keyword rule answered is not listed; one
/// that got only the default reply (or nothing) is, until an operator replies. Through the webhook and the
/// inbox page, on SQLite and on PostgreSQL.
/// </summary>
public sealed class InboxUnansweredTests : IAsyncLifetime
{
    private readonly SharedStateInstances _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    private PortalAppFactory App(string database) => database == "postgres" ? _postgres.Instance(redis: false) : new PortalAppFactory();

    private static string? RowOf(string page, string openId)
    {
        var start = page.IndexOf($"data-openid=\"{openId}\"", StringComparison.Ordinal);
        return start < 0 ? null : page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static async Task<string?> ReplyTextAsync(WeChatPush push, string openId, string text, long? msgId = null)
    {
        using var response = await push.PostAsync(InboundXml.Text(openId, text, msgId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await push.ReplyOfAsync(response))?.Element("Content")?.Value;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_message_only_the_default_reply_met_is_unanswered_until_an_operator_replies(string database)
    {
        await using var app = App(database);
        var keyword = "opening hours " + Guid.NewGuid().ToString("N")[..8];
        var rules = app.Services.GetRequiredService<AutoReplyRuleStore>();
        await rules.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "hours", Trigger = RuleTrigger.Exact, Pattern = keyword, Reply = new TextReply("We open at nine.") });
        await rules.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "default", Trigger = RuleTrigger.Default, Reply = new TextReply("Thanks, someone will get back to you.") });
        app.Services.GetRequiredService<AutoReplyRuleCache>().Invalidate(TestAccounts.DefaultId);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var push = WeChatPush.For(app);
        var understood = app.FollowerWhoJustWrote("Understood");
        var notUnderstood = app.FollowerWhoJustWrote("Not understood");

        Assert.Equal("We open at nine.", await ReplyTextAsync(push, understood, keyword));
        Assert.Equal("Thanks, someone will get back to you.", await ReplyTextAsync(push, notUnderstood, "can I bring my dog"));

        var unanswered = await editor.GetPageAsync("/admin/inbox?Unanswered=true");
        Assert.Null(RowOf(unanswered, understood));
        var row = RowOf(unanswered, notUnderstood);
        Assert.NotNull(row);
        Assert.Contains("data-answered=\"no\"", row);
        Assert.Contains("can I bring my dog", row);
        Assert.Contains("default reply sent", row);
        Assert.Contains("data-answered=\"yes\"", RowOf(await editor.GetPageAsync("/admin/inbox"), understood));
        Assert.Contains("default reply: still unanswered", await editor.GetPageAsync($"/admin/followers/{notUnderstood}"));
        Assert.DoesNotContain("default reply: still unanswered", await editor.GetPageAsync($"/admin/followers/{understood}"));

        using (var reply = await editor.PostFormAsync("/admin/inbox", "/admin/inbox?handler=Reply", new() { ["openId"] = notUnderstood, ["text"] = "Dogs are welcome." }))
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);

        Assert.Null(RowOf(await editor.GetPageAsync("/admin/inbox?Unanswered=true"), notUnderstood));
        Assert.Contains("data-answered=\"yes\"", RowOf(await editor.GetPageAsync("/admin/inbox"), notUnderstood));
    }

    /// <summary>
    /// A handler slower than the deadline, whatever the machine's load: it answers once the test releases it; on "?"
    /// it answers with a fallback, as the default reply does.
    /// </summary>
    private sealed class SlowHandler : IMessageHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
        {
            await _release.Task.WaitAsync(ct);
            if (context.Message is Portal.Core.WeChat.Inbound.TextMessage { Content: "?" })
            {
                context.MarkReplyAsFallback();
                return new TextReply("Someone will get back to you.");
            }
            return new TextReply("Here is your answer.");
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_late_reply_that_answers_marks_the_message_answered_and_a_late_default_reply_does_not(string database)
    {
        await using var app = App(database);
        app.Settings["Messaging:HandlerDeadline"] = "00:00:00.2";
        var handler = new SlowHandler();
        app.TestServices.Add(services => services.AddSingleton(new MessageRoutesBuilder().On(Portal.Core.WeChat.Inbound.MessageKind.Text, handler).Build()));
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var push = WeChatPush.For(app);
        var answered = app.FollowerWhoJustWrote();
        var fallback = app.FollowerWhoJustWrote();
        var answeredId = InboundXml.NextMsgId();
        var fallbackId = InboundXml.NextMsgId();

        Assert.Null(await ReplyTextAsync(push, answered, "what time is it", answeredId));
        Assert.Null(await ReplyTextAsync(push, fallback, "?", fallbackId));
        // Deferred and not yet answered: both wait for a person.
        var before = await editor.GetPageAsync("/admin/inbox?Unanswered=true");
        Assert.NotNull(RowOf(before, answered));
        Assert.NotNull(RowOf(before, fallback));

        handler.Release();
        foreach (var (openId, msgId) in new[] { (answered, answeredId), (fallback, fallbackId) })
        {
            var sent = await Messaging.DeadlineTests.WaitForOutboxAsync(app, $"{PortalAppFactory.AppId}:{openId}:{msgId}", Portal.Core.Outbox.OutboxStatus.Sent);
            Assert.Equal(Portal.Core.Outbox.OutboxStatus.Sent, sent?.Status);
        }
        var page = await Eventually.ReadAsync(() => editor.GetPageAsync("/admin/inbox?Unanswered=true"), p => RowOf(p, answered) is null);
        Assert.Null(RowOf(page, answered));
        Assert.NotNull(RowOf(page, fallback));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task With_no_default_reply_a_message_no_rule_understood_is_unanswered(string database)
    {
        await using var app = App(database);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var openId = app.FollowerWhoJustWrote();

        Assert.Null(await ReplyTextAsync(WeChatPush.For(app), openId, "hello?"));

        var row = RowOf(await editor.GetPageAsync("/admin/inbox?Unanswered=true"), openId);
        Assert.NotNull(row);
        Assert.DoesNotContain("default reply sent", row);
    }
}

/// <summary>
/// The migration that added reply_kind sorts the rows logged before it: a reply equal to the default rule's
/// was a fallback, any other an answer, none stays unanswered.
/// </summary>
public abstract class ReplyKindBackfillTests(TestDatabase database)
{
    [Fact]
    public async Task Old_rows_are_sorted_into_answers_and_fallbacks()
    {
        var defaultReply = ReplyJson.Serialize(new TextReply("We will get back to you."));
        var keywordReply = ReplyJson.Serialize(new TextReply("We open at nine."));
        await using (var connection = await database.Factory.OpenAsync())
        {
            // Back to the schema before the migration, with rows as the old code logged them.
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 13");
            await connection.ExecuteAsync("ALTER TABLE message_log DROP COLUMN reply_kind");
            var at = DateTimeOffset.UtcNow;
            await connection.ExecuteAsync(
                "INSERT INTO auto_reply_rules (name, trigger, pattern, priority, enabled, reply_json, created_at, updated_at) VALUES ('default', 'default', NULL, 0, @Enabled, @Json, @At, @At)",
                new { Json = defaultReply, Enabled = true, At = at });
            foreach (var (openId, type, body) in new[] { ("o-default", "text", defaultReply), ("o-keyword", "text", keywordReply), ("o-none", null, null), ("o-deferred", "deferred", null) })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO message_log (direction, openid, msg_type, content, reply_type, reply_body, created_at) VALUES ('in', @OpenId, 'text', 'hi', @Type, @Body, @At)",
                    new { OpenId = openId, Type = type, Body = body, At = at });
            }
        }

        await new MigrationRunner(database.Factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();

        await using var check = await database.Factory.OpenAsync();
        var kinds = (await check.QueryAsync<(string OpenId, string? Kind)>("SELECT openid, reply_kind FROM message_log")).ToDictionary(r => r.OpenId, r => r.Kind);
        Assert.Equal(MessageReplyKinds.Fallback, kinds["o-default"]);
        Assert.Equal(MessageReplyKinds.Answer, kinds["o-keyword"]);
        Assert.Null(kinds["o-none"]);
        Assert.Null(kinds["o-deferred"]);
        var unanswered = await new InboxStore(database.Factory).ListAsync(TestAccounts.DefaultId, unansweredOnly: true, before: null);
        Assert.Equal(["o-default", "o-deferred", "o-none"], unanswered.Select(m => m.OpenId).Order());
    }
}

public sealed class SqliteReplyKindBackfillTests(SqliteTestDatabase database) : ReplyKindBackfillTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresReplyKindBackfillTests(PostgresTestDatabase database) : ReplyKindBackfillTests(database), IClassFixture<PostgresTestDatabase>;
