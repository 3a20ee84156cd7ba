using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Operators;
using Portal.Core.Followers;
using Portal.Core.Inbox;
using Portal.Core.Messaging;
using Portal.Core.Notifications;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
using Portal.Sandbox.Messaging;

namespace Portal.Tests.Outbox;

/// <summary>
/// Each lane of outbox work is delivered on its own: a follower-sync page stuck on a slow platform does not
/// hold up a follower's late reply, and rows of a kind this version does not know are left for one that does.
/// </summary>
public abstract class OutboxLaneTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();
    private readonly HeldPlatformCalls _slowUserCalls = new("/cgi-bin/user/");
    private PortalAppFactory _app = null!;
    private OutboxClock _clock = null!;

    protected abstract Task<PortalAppFactory> CreateAppAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync();
        _app.WithClock(_time);
        // The held call waits while the test's clock moves on; the platform client's own timeouts, on the
        // same clock, must not end it first.
        _app.Settings["WeChat:ApiAttemptTimeout"] = "01:00:00";
        _app.Settings["WeChat:ApiTotalTimeout"] = "01:00:00";
        _app.TestServices.Add(s =>
        {
            s.AddLogging(b => b.AddProvider(_logs));
            s.AddHttpClient(PlatformHttp.ClientName).AddHttpMessageHandler(_slowUserCalls.Handler);
        });
        _clock = new OutboxClock(_app, _time, _logs);
    }

    public async Task DisposeAsync()
    {
        _slowUserCalls.Release();
        await _app.DisposeAsync();
        await DisposeDatabaseAsync();
    }

    private SandboxInbox Inbox => _app.Services.GetRequiredService<SandboxInbox>();

    [Fact]
    public async Task A_late_reply_is_delivered_while_a_follower_sync_page_waits_on_a_slow_platform()
    {
        var openId = _app.FollowerWhoJustWrote();
        var (runId, problem) = await _app.Services.GetRequiredService<FollowerEditor>().StartSyncAsync(AuditActor.Command("test"), _app.Services.DefaultAccount());
        Assert.Null(problem);
        var page = FollowerSyncPage.KeyFor(runId!.Value, 1);
        // The page is taken and its call for the follower list hangs at the platform.
        await _clock.UntilAsync(() => Task.FromResult(_slowUserCalls.Waiting > 0), "the sync page to call the platform");

        var reply = $"{PortalAppFactory.AppId}:{openId}:{InboundXml.NextMsgId()}";
        var late = new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "question"), ReplyJson.Serialize(new TextReply("answered while the sync runs")));
        await _clock.Outbox.EnqueueAsync(LateReply.OutboxKind, reply, openId, OutboxStatus.Ready, late.ToJson());
        var sent = await _clock.WaitForAsync(reply, r => r.Status != OutboxStatus.Ready);

        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("answered while the sync runs", Assert.Single(Inbox.For(openId)).Message.GetProperty("content").GetString());
        // All the while the page was still at the platform, leased and unfinished.
        Assert.Equal(1, _slowUserCalls.Waiting);
        var running = (await _clock.Outbox.GetAsync(page))!;
        Assert.Equal((OutboxStatus.Ready, 1), (running.Status, running.Attempts));
        Assert.NotNull(running.LeaseOwner);

        // Once the platform answers, the sync goes on to its end.
        _slowUserCalls.Release();
        var followers = _app.Services.GetRequiredService<FollowerStore>();
        await _clock.UntilAsync(async () => (await followers.SyncAsync(TestAccounts.DefaultId, runId.Value))!.Status == FollowerSyncRun.Finished, "the sync to finish");
        Assert.True((await followers.GetAsync(TestAccounts.DefaultId, openId))!.Subscribed);
    }

    [Fact]
    public async Task Rows_of_a_kind_this_version_does_not_know_are_left_waiting_and_said_once()
    {
        var key = TestServers.UniqueName("newer");
        await _clock.Outbox.EnqueueAsync("kind_from_a_newer_version", key, null, OutboxStatus.Ready, "{}");
        var delivery = _app.Services.GetRequiredService<OutboxDelivery>();

        // Passes of every lane and looks for unknown kinds, as the worker's loops make them.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var lane in _app.Services.GetRequiredService<OutboxWorkTable>().Lanes.Keys)
                await delivery.DeliverDueAsync(lane);
            await delivery.LogUnknownKindsAsync();
        }

        var row = (await _clock.Outbox.GetAsync(key))!;
        Assert.Equal((OutboxStatus.Ready, 0, (string?)null, (string?)null), (row.Status, row.Attempts, row.LeaseOwner, row.LastError));
        Assert.Single(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("kind_from_a_newer_version", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_feature_registers_its_work_in_its_lane()
    {
        var works = _app.Services.GetRequiredService<OutboxWorkTable>();

        Assert.Equal([CustomerServiceReply.OutboxKind, LateReply.OutboxKind], works.Lanes[OutboxLane.Replies]);
        Assert.Equal([TemplateSend.OutboxKind], works.Lanes[OutboxLane.Notifications]);
        Assert.Equal([FollowerSyncPage.OutboxKind], works.Lanes[OutboxLane.Bulk]);
        // Two works for one kind would deliver each other's rows: the table refuses them.
        var registered = _app.Services.GetServices<IOutboxWork>().ToList();
        Assert.Throws<InvalidOperationException>(() => new OutboxWorkTable(registered.Append(registered[0])));
    }
}

public sealed class SqliteOutboxLaneTests : OutboxLaneTests
{
    protected override Task<PortalAppFactory> CreateAppAsync() => Task.FromResult(new PortalAppFactory());
}

public sealed class PostgresOutboxLaneTests : OutboxLaneTests
{
    private readonly SharedStateInstances _shared = new();

    protected override async Task<PortalAppFactory> CreateAppAsync()
    {
        await _shared.InitializeAsync();
        return _shared.Instance(redis: false);
    }

    protected override Task DisposeDatabaseAsync() => _shared.DisposeAsync();
}
