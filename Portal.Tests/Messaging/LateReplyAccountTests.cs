using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
using Portal.Web.Sandbox;

namespace Portal.Tests.Messaging;

/// <summary>
/// A late reply goes out through the account the message came to. The follower here is the default account's
/// (an OpenID is per account), so the default account's token would deliver the reply; the second account's
/// cannot (its AppId unknown to a sandbox that plays one account, 40013; or the OpenID not its follower, 40003),
/// and the row ends Failed with nothing delivered.
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
        var openId = app.FollowerWhoJustWrote();
        var msgId = InboundXml.NextMsgId();

        using var response = await push.PostAsync(InboundXml.Text(openId, "write me a poem", msgId), PushMode.Safe);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());

        var key = $"{PortalAppFactory.SecondAppId}:{openId}:{msgId}";
        var waiting = await app.Services.GetRequiredService<OutboxStore>().GetAsync(key);
        Assert.Equal((OutboxStatus.AwaitingHandler, 2), (waiting?.Status, waiting?.AccountId));

        handler.Release();

        var failed = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Failed);
        Assert.Equal(2, failed!.AccountId);
        Assert.Matches("^(40013|40003):", failed.LastError);
        Assert.Empty(app.Services.GetRequiredService<SandboxInbox>().For(openId));
    }
}
