using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Messaging;

namespace Portal.Tests.Messaging;

/// <summary>
/// A late reply goes out through the account the message came to. The sandbox plays both accounts, and the
/// follower is the second account's only (OpenIDs are per account): the default account's token would have been
/// refused for them (40003), so a delivery to the second account's follower shows the second account's
/// credentials were used.
/// </summary>
public sealed class LateReplyAccountTests
{
    [Fact]
    public async Task A_late_reply_to_the_second_account_is_sent_with_the_second_account_s_credentials()
    {
        await using var app = new PortalAppFactory().WithSecondAccount();
        app.Settings["Messaging:HandlerDeadline"] = "00:00:00.5";
        var handler = CountingHandler.UntilReleased().InstallIn(app);
        var http = app.CreateClient();
        var push = new WeChatPush(http, PortalAppFactory.SecondToken, PortalAppFactory.SecondAppId, PortalAppFactory.SecondEncodingAesKey, "/wx/" + PortalAppFactory.SecondAppId);
        var second = app.Services.GetRequiredService<SandboxWorld>().Find(PortalAppFactory.SecondAppId)!;
        var follower = second.Followers.Create("Mei");
        second.Followers.Follow(follower, qrScene: null);
        var openId = follower.OpenId;
        var msgId = InboundXml.NextMsgId();

        using var response = await push.PostAsync(InboundXml.Text(openId, "write me a poem", msgId), PushMode.Safe);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());

        var key = $"{PortalAppFactory.SecondAppId}:{openId}:{msgId}";
        var waiting = await app.Services.GetRequiredService<OutboxStore>().GetAsync(key);
        Assert.Equal((OutboxStatus.AwaitingHandler, 2), (waiting?.Status, waiting?.AccountId));

        handler.Release();

        var sent = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Sent);
        Assert.Equal(2, sent!.AccountId);
        Assert.Single(second.Inbox.For(openId));
        Assert.Empty(app.Services.GetRequiredService<SandboxInbox>().For(openId)); // the default account's
    }
}
