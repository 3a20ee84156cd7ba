using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
using Portal.Tests.Messaging;
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
/// A late reply's row is held by a short lease: a dead holder's message is run again elsewhere soon after it
/// lapses, while a live holder renews it for as long as its handler runs.
/// </summary>
public abstract class HandlerLeaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private PortalAppFactory _app = null!;
    private OutboxClock _clock = null!;
    private CountingHandler _recoveryHandler = null!;

    protected abstract Task<PortalAppFactory> CreateAppAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync();
        _app.WithClock(_time);
        _recoveryHandler = new CountingHandler(TimeSpan.Zero).InstallIn(_app);
        _clock = new OutboxClock(_app, _time);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await DisposeDatabaseAsync();
    }

    private LateReplyRecovery Recovery => _app.Services.GetRequiredService<LateReplyRecovery>();

    private SandboxInbox Inbox => _app.Services.GetRequiredService<SandboxInbox>();

    private (string Key, LateReply Deferred) Message(string openId)
    {
        var msgId = InboundXml.NextMsgId();
        return ($"{PortalAppFactory.AppId}:{openId}:{msgId}", new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "a slow question", msgId)));
    }

    [Fact]
    public async Task A_dead_holders_late_reply_is_run_again_once_its_short_lease_lapses_and_delivered_once()
    {
        var openId = _app.FollowerWhoJustWrote();
        var (key, deferred) = Message(openId);
        // Written by an instance that was killed while its handler ran: nobody renews the lease.
        await _clock.Outbox.EnqueueAsync(LateReply.OutboxKind, key, openId, OutboxStatus.AwaitingHandler, deferred.ToJson(), "killed-instance", LateReplies.HandlerLease);

        _time.Advance(LateReplies.HandlerLease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Recovery.RecoverAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.AwaitingHandler, (await _clock.Outbox.GetAsync(key))!.Status);

        // The next recovery passes (every ten seconds) find the lapsed lease and run the message here.
        var sent = await _clock.WaitForAsync(key, r => r.Status == OutboxStatus.Sent);

        Assert.Equal(1, _recoveryHandler.Runs);
        Assert.Equal("answer from run 1", Assert.Single(Inbox.For(openId)).Message.GetProperty("content").GetString());
        Assert.Contains("answer from run 1", LateReply.FromJson(sent.Payload).ReplyJson);
    }

    [Fact]
    public async Task A_live_holder_renews_its_lease_so_recovery_leaves_a_long_handler_alone()
    {
        var openId = _app.FollowerWhoJustWrote();
        var (key, deferred) = Message(openId);
        var lateReplies = _app.Services.GetRequiredService<LateReplies>();
        await lateReplies.DeferAsync(_app.Services.DefaultAccount(), key, openId, deferred);
        var handler = new TaskCompletionSource();
        lateReplies.KeepLeasedWhile(key, handler.Task);

        // Two minutes of a handler still running: four short leases, each renewed before it lapses.
        for (var i = 0; i < 12; i++)
        {
            _time.Advance(LateReplies.RenewEvery);
            var renewedTo = _time.GetUtcNow() + LateReplies.HandlerLease;
            await _clock.WaitForAsync(key, r => r.LeaseUntil >= renewedTo, nudge: false);
            Assert.Equal(0, await Recovery.RecoverAsync(CancellationToken.None));
        }

        // The handler answers; renewal ends with it and the one reply goes out.
        var context = new MessageContext(Portal.Core.WeChat.Inbound.InboundParser.Parse(deferred.MessageXml), _app.Services.DefaultAccount(), _time.GetUtcNow());
        Assert.True(await lateReplies.CompleteAsync(key, deferred, new TextReply("answer from the live holder"), context));
        handler.SetResult();
        var sent = await _clock.WaitForAsync(key, r => r.Status == OutboxStatus.Sent);

        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(0, _recoveryHandler.Runs);
        Assert.Equal("answer from the live holder", Assert.Single(Inbox.For(openId)).Message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Renewal_stops_when_the_handler_ends_so_a_row_it_left_behind_is_recovered()
    {
        var openId = _app.FollowerWhoJustWrote();
        var (key, deferred) = Message(openId);
        var lateReplies = _app.Services.GetRequiredService<LateReplies>();
        await lateReplies.DeferAsync(_app.Services.DefaultAccount(), key, openId, deferred);
        var handler = new TaskCompletionSource();
        lateReplies.KeepLeasedWhile(key, handler.Task);
        _time.Advance(LateReplies.RenewEvery);
        var renewedTo = _time.GetUtcNow() + LateReplies.HandlerLease;
        await _clock.WaitForAsync(key, r => r.LeaseUntil >= renewedTo, nudge: false);

        // It ended without finishing its row (as a failure to reach the database would leave it).
        handler.SetResult();
        var sent = await _clock.WaitForAsync(key, r => r.Status == OutboxStatus.Sent);

        Assert.Equal(1, _recoveryHandler.Runs);
        Assert.Equal("answer from run 1", Assert.Single(Inbox.For(openId)).Message.GetProperty("content").GetString());
        Assert.Contains("answer from run 1", LateReply.FromJson(sent.Payload).ReplyJson);
    }
}

public sealed class SqliteHandlerLeaseTests : HandlerLeaseTests
{
    protected override Task<PortalAppFactory> CreateAppAsync() => Task.FromResult(new PortalAppFactory());
}

public sealed class PostgresHandlerLeaseTests : HandlerLeaseTests
{
    private readonly SharedStateInstances _shared = new();

    protected override async Task<PortalAppFactory> CreateAppAsync()
    {
        await _shared.InitializeAsync();
        return _shared.Instance(redis: false);
    }

    protected override Task DisposeDatabaseAsync() => _shared.DisposeAsync();
}
