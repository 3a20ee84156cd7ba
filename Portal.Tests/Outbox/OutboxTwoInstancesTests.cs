using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Core.WeChat.Replies;
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

namespace Portal.Tests.Outbox;

/// <summary>
/// Two instances share PostgreSQL and Redis and both run delivery workers over the same outbox: every row
/// reaches its follower exactly once.
/// </summary>
public sealed class OutboxTwoInstancesTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();

    public Task InitializeAsync() => _shared.InitializeAsync();

    public Task DisposeAsync() => _shared.DisposeAsync();

    private PortalAppFactory Instance() => _shared.Instance();

    [Fact]
    public async Task Rows_worked_on_by_two_instances_are_each_delivered_once()
    {
        await using var one = Instance();
        await using var two = Instance();
        // Both instances talk to the one platform: instance one's sandbox.
        two.TestServices.Add(s => s.AddHttpClient(PlatformHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => one.Server.CreateHandler()));
        _ = two.Services;

        var openIds = Enumerable.Range(0, 60).Select(i => one.FollowerWhoJustWrote($"Follower {i}")).ToList();
        var store = one.Services.GetRequiredService<OutboxStore>();
        var keys = new List<string>();
        foreach (var openId in openIds)
        {
            var key = $"{PortalAppFactory.AppId}:{openId}:{InboundXml.NextMsgId()}";
            var late = new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "question"), ReplyJson.Serialize(new TextReply("answer for " + openId)));
            await store.EnqueueAsync(LateReply.OutboxKind, key, openId, OutboxStatus.Ready, late.ToJson());
            keys.Add(key);
        }

        foreach (var key in keys)
            Assert.Equal(OutboxStatus.Sent, (await Messaging.DeadlineTests.WaitForOutboxAsync(one, key, OutboxStatus.Sent))!.Status);
        var inbox = one.Services.GetRequiredService<SandboxInbox>();
        Assert.All(openIds, openId => Assert.Equal("answer for " + openId, Assert.Single(inbox.For(openId)).Message.GetProperty("content").GetString()));
    }
}
