using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
using Portal.Tests.Messaging;
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

namespace Portal.Tests.Outbox;

/// <summary>Late replies go out through the sandbox platform's customer-service API, with its answers honoured.</summary>
public sealed class OutboxDeliveryTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<string> QueueLateReplyAsync(string openId, Reply reply)
    {
        var key = $"{PortalAppFactory.AppId}:{openId}:{InboundXml.NextMsgId()}";
        var late = new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "question"), ReplyJson.Serialize(reply));
        await app.Services.GetRequiredService<OutboxStore>().EnqueueAsync(LateReply.OutboxKind, key, openId, OutboxStatus.Ready, late.ToJson());
        return key;
    }

    private SandboxInbox Inbox => app.Services.GetRequiredService<SandboxInbox>();

    [Fact]
    public async Task A_ready_news_reply_is_delivered_as_a_customer_service_message()
    {
        var openId = app.FollowerWhoJustWrote();
        var key = await QueueLateReplyAsync(openId, new NewsReply([new NewsArticle("Menu", "Today's menu", "http://img.example/m.jpg", "http://portal.example/menu")]));

        var sent = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Sent);

        Assert.Equal(OutboxStatus.Sent, sent!.Status);
        var delivered = Assert.Single(Inbox.For(openId));
        Assert.Equal("news", delivered.MsgType);
        Assert.Equal("http://portal.example/menu", delivered.Message.GetProperty("articles")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_closed_48_hour_window_ends_the_row_with_the_reason()
    {
        var openId = app.FollowerWhoJustWrote();
        await new SandboxDev(app).CloseWindowAsync(openId);
        var key = await QueueLateReplyAsync(openId, new TextReply("too late"));

        var failed = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Failed);

        Assert.Equal(OutboxStatus.Failed, failed!.Status);
        Assert.StartsWith("45015", failed.LastError);
        Assert.Empty(Inbox.For(openId));
    }

    [Fact]
    public async Task A_busy_platform_is_tried_again_later_and_the_message_sent_once()
    {
        var openId = app.FollowerWhoJustWrote();
        await new SandboxDev(app).FailNextAsync("cgi-bin/message/custom/send", 1, SandboxFault.Busy);
        var key = await QueueLateReplyAsync(openId, new TextReply("after a pause"));

        var sent = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Sent);

        Assert.Equal(OutboxStatus.Sent, sent!.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(Inbox.For(openId));
    }

    [Fact]
    public async Task A_hand_over_to_an_agent_cannot_be_sent_late_and_says_so()
    {
        var openId = app.FollowerWhoJustWrote();
        var key = await QueueLateReplyAsync(openId, new TransferCustomerServiceReply());

        var failed = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Failed);

        Assert.Contains("cannot be sent as a customer-service message", failed!.LastError);
    }

    [Fact]
    public void Backoff_grows_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), OutboxDelivery.Backoff(1, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(8), OutboxDelivery.Backoff(3, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromMinutes(5), OutboxDelivery.Backoff(20, TimeSpan.FromMinutes(5)));
    }
}
