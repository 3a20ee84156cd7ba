using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Followers;
using Portal.Core.Inbox;
using Portal.Core.Operators;
using Portal.Core.Outbox;
using Portal.Tests.Followers;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Dev;
using Portal.Tests.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Inbox;

/// <summary>The inbox: followers' messages through the webhook, replies through the outbox, the 48-hour window.</summary>
public sealed class InboxPagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private SandboxInbox PlatformInbox => app.Services.GetRequiredService<SandboxInbox>();

    /// <summary>A follower the platform knows who writes <paramref name="text"/> through the webhook; returns once the inbox shows it.</summary>
    private async Task<string> FollowerWritesAsync(AdminBrowser browser, string text)
    {
        var openId = app.FollowerWhoJustWrote();
        using (await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, text))) { }
        await Eventually.HoldsAsync(async () => (await browser.GetPageAsync("/admin/inbox")).Contains(text, StringComparison.Ordinal));
        return openId;
    }

    private async Task<OperatorReply?> ReplyToAsync(string openId) =>
        (await app.Services.GetRequiredService<InboxStore>().RecentRepliesAsync(TestAccounts.DefaultId, 100)).FirstOrDefault(r => r.OpenId == openId);

    private static Task<HttpResponseMessage> ReplyAsync(AdminBrowser browser, string openId, string text) =>
        browser.PostFormAsync("/admin/inbox", "/admin/inbox?handler=Reply", new() { ["openId"] = openId, ["text"] = text });

    private static string RowOf(string page, string openId)
    {
        var start = page.IndexOf($"data-openid=\"{openId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The inbox does not show {openId}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_message_shows_unanswered_and_a_reply_is_delivered_and_marks_it_answered()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var text = $"is the shop open {Guid.NewGuid():N}";
        var openId = await FollowerWritesAsync(editor, text);

        var before = RowOf(await editor.GetPageAsync("/admin/inbox?Unanswered=true"), openId);
        Assert.Contains("data-answered=\"no\"", before);
        Assert.Contains(text, before);
        Assert.Contains("h ", before); // the window's time left, e.g. "47 h 59 min left"

        using (var response = await ReplyAsync(editor, openId, "Yes, until nine."))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = (await ReplyToAsync(openId))!;
        var sent = await Messaging.DeadlineTests.WaitForOutboxAsync(app, reply.OutboxKey!, OutboxStatus.Sent);

        Assert.Equal(OutboxStatus.Sent, sent!.Status);
        Assert.Equal("Yes, until nine.", Assert.Single(PlatformInbox.For(openId)).Message.GetProperty("content").GetString());
        var page = await editor.GetPageAsync("/admin/inbox");
        Assert.Contains("data-answered=\"yes\"", RowOf(page, openId));
        Assert.Contains($"data-outbox=\"{reply.OutboxKey}\"", page);
        Assert.DoesNotContain($"data-openid=\"{openId}\"", await editor.GetPageAsync("/admin/inbox?Unanswered=true"));
        var history = await editor.GetPageAsync($"/admin/followers/{openId}");
        Assert.Contains("Yes, until nine.", history);
        Assert.Contains("data-status=\"sent\"", history);
        var entry = (await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "follower" })).First(e => e.EntityId == openId);
        Assert.Equal("reply", entry.Action);
    }

    [Fact]
    public async Task A_closed_window_refuses_the_reply_before_anything_is_queued()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var openId = app.FollowerWhoJustWrote();
        // Portal's record: they last wrote three days ago.
        await app.Services.GetRequiredService<FollowerStore>().TouchAsync(TestAccounts.DefaultId, openId, DateTimeOffset.UtcNow.AddDays(-3));

        using var response = await editor.PostFormAsync($"/admin/followers/{openId}", $"/admin/followers/{openId}?handler=Reply", new() { ["text"] = "Sorry for the wait" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await editor.GetPageAsync($"/admin/followers/{openId}");
        Assert.Contains("The 48-hour window is closed since", page);
        Assert.Contains("Nothing was queued", page);
        Assert.DoesNotContain("Send as customer-service message", page);
        Assert.Null(await ReplyToAsync(openId));
        Assert.Empty(PlatformInbox.For(openId));
    }

    [Fact]
    public async Task When_the_platform_finds_the_window_closed_after_queuing_the_reply_fails_with_45015_shown()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var openId = app.FollowerWhoJustWrote();
        await app.Services.GetRequiredService<FollowerStore>().TouchAsync(TestAccounts.DefaultId, openId, DateTimeOffset.UtcNow);
        // Portal still thinks the window open; the platform has it closed by the time the reply goes.
        await new SandboxDev(app).CloseWindowAsync(openId);

        using (var response = await ReplyAsync(editor, openId, "Here is your answer"))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = (await ReplyToAsync(openId))!;
        var failed = await Messaging.DeadlineTests.WaitForOutboxAsync(app, reply.OutboxKey!, OutboxStatus.Failed);

        Assert.Equal(OutboxStatus.Failed, failed!.Status);
        Assert.StartsWith("45015", failed.LastError);
        var page = await editor.GetPageAsync("/admin/inbox");
        var row = page[page.IndexOf($"data-outbox=\"{reply.OutboxKey}\"", StringComparison.Ordinal)..];
        Assert.Contains("data-status=\"failed\"", row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        Assert.Contains("45015", row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        Assert.Contains("the 48-hour window had closed", row);
    }

    [Fact]
    public async Task An_empty_reply_is_refused()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var openId = app.FollowerWhoJustWrote();
        await app.Services.GetRequiredService<FollowerStore>().TouchAsync(TestAccounts.DefaultId, openId, DateTimeOffset.UtcNow);
        using (await ReplyAsync(editor, openId, "   ")) { }
        Assert.Contains("Write the reply first", await editor.GetPageAsync("/admin/inbox"));
        Assert.Null(await ReplyToAsync(openId));
    }
}
