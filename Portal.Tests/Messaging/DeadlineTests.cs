using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Coordination;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Messaging;

/// <summary>A handler slower than the deadline: WeChat gets success at once, the reply goes to the outbox.</summary>
public sealed class DeadlineTests
{
    internal static async Task<OutboxItem?> WaitForOutboxAsync(PortalAppFactory app, string key, string status)
    {
        var outbox = app.Services.GetRequiredService<OutboxStore>();
        return await Eventually.ReadAsync(() => outbox.GetAsync(key), item => item?.Status == status);
    }

    [Fact]
    public async Task A_slow_handler_gets_success_sent_now_and_its_reply_queued_for_customer_service()
    {
        await using var app = new PortalAppFactory();
        app.Settings["Messaging:HandlerDeadline"] = "00:00:00.5";
        var handler = CountingHandler.UntilReleased().InstallIn(app);
        var push = WeChatPush.For(app);
        var openId = app.FollowerWhoJustWrote();
        var msgId = InboundXml.NextMsgId();
        var message = InboundXml.Text(openId, "write me a poem", msgId);

        using var response = await push.PostAsync(message, PushMode.Safe);

        Assert.Equal("success", await response.Content.ReadAsStringAsync()); // never encrypted
        Assert.False(handler.Finished);
        var key = $"{PortalAppFactory.AppId}:{openId}:{msgId}";
        var waiting = await app.Services.GetRequiredService<OutboxStore>().GetAsync(key);
        Assert.Equal(OutboxStatus.AwaitingHandler, waiting?.Status);

        // WeChat does not retry after success, but if it did, nothing would run twice.
        using var retry = await push.PostAsync(message, PushMode.Safe);
        Assert.Equal("success", await retry.Content.ReadAsStringAsync());

        handler.Release();

        // The reply reaches the follower through the customer-service API of the (sandbox) platform.
        var sent = await WaitForOutboxAsync(app, key, OutboxStatus.Sent);
        Assert.Equal(OutboxStatus.Sent, sent?.Status);
        Assert.Equal(openId, sent!.OpenId);
        Assert.Contains("answer from run 1", LateReply.FromJson(sent.Payload).ReplyJson);
        var delivered = Assert.Single(app.Services.GetRequiredService<SandboxInbox>().For(openId));
        Assert.Equal("answer from run 1", delivered.Message.GetProperty("content").GetString());
        Assert.Equal(1, handler.Runs);
        var logged = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId));
        Assert.Equal("deferred", logged.ReplyType);
    }

    [Fact]
    public async Task A_late_reply_whose_instance_stopped_is_finished_by_recovery()
    {
        await using var app = new WebhookApp();
        await app.InitializeAsync();
        var openId = InboundXml.NewOpenId();
        var key = $"{PortalAppFactory.AppId}:{openId}:42";
        var deferred = new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "hours", 42));
        // As a crashed instance leaves it: awaiting its handler, lease lapsed.
        await app.Services.GetRequiredService<OutboxStore>().EnqueueAsync(LateReply.OutboxKind, key, openId,
            OutboxStatus.AwaitingHandler, deferred.ToJson(), "crashed-instance", TimeSpan.FromSeconds(-1));

        var recovered = await app.Services.GetRequiredService<LateReplyRecovery>().RecoverAsync(CancellationToken.None);

        Assert.Equal(1, recovered);
        var ready = await app.Services.GetRequiredService<OutboxStore>().GetAsync(key);
        Assert.Contains(ready!.Status, new[] { OutboxStatus.Ready, OutboxStatus.Sent }); // the delivery worker may be quick
        Assert.Contains("We open 9:00", LateReply.FromJson(ready.Payload).ReplyJson);
    }

    [Fact]
    public async Task A_late_reply_still_leased_by_a_live_instance_is_left_alone()
    {
        await using var app = new WebhookApp();
        await app.InitializeAsync();
        var openId = InboundXml.NewOpenId();
        var key = $"{PortalAppFactory.AppId}:{openId}:43";
        await app.Services.GetRequiredService<OutboxStore>().EnqueueAsync(LateReply.OutboxKind, key, openId,
            OutboxStatus.AwaitingHandler, new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "hours", 43)).ToJson(),
            app.Services.GetRequiredService<InstanceIdentity>().Id, TimeSpan.FromMinutes(2));

        Assert.Equal(0, await app.Services.GetRequiredService<LateReplyRecovery>().RecoverAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.AwaitingHandler, (await app.Services.GetRequiredService<OutboxStore>().GetAsync(key))!.Status);
    }
}
