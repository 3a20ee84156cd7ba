using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
using Portal.Sandbox.Messaging;

namespace Portal.Tests.Outbox;

/// <summary>
/// A lane leases its rows a batch at a time. When the first sends of a batch outlast the lease (a platform
/// slow after an outage), another instance may take the later rows and send them: the first holder must then
/// leave them, or the follower gets the reply twice.
/// </summary>
public sealed class OutboxBatchLeaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HeldPlatformCalls _slowSends = new("/cgi-bin/message/custom/send");
    private readonly PortalAppFactory _app = new();
    private readonly CapturedLogs _logs = new();
    private OutboxClock _clock = null!;

    public Task InitializeAsync()
    {
        _app.WithClock(_time);
        // The held send waits while the test's clock moves past the lease; the client's timeouts, on the same
        // clock, must not end it first.
        _app.Settings["WeChat:ApiAttemptTimeout"] = "01:00:00";
        _app.Settings["WeChat:ApiTotalTimeout"] = "01:00:00";
        _app.TestServices.Add(s =>
        {
            s.AddLogging(b => b.AddProvider(_logs));
            s.AddHttpClient(PlatformHttp.ClientName).AddHttpMessageHandler(_slowSends.Handler);
        });
        _clock = new OutboxClock(_app, _time, _logs);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _slowSends.Release();
        await _app.DisposeAsync();
    }

    private SandboxInbox Inbox => _app.Services.GetRequiredService<SandboxInbox>();

    [Fact]
    public async Task A_row_taken_by_another_instance_after_the_batch_lease_lapsed_is_not_sent_again()
    {
        var first = _app.FollowerWhoJustWrote("first");
        var second = _app.FollowerWhoJustWrote("second");
        var firstKey = await EnqueueLateReplyAsync(first, "to the first");
        var secondKey = await EnqueueLateReplyAsync(second, "to the second");

        // One pass leases both rows; the first send hangs at the platform for longer than the lease.
        await _clock.UntilAsync(() => Task.FromResult(_slowSends.Waiting > 0), "the first send to reach the platform");
        _time.Advance(OutboxDelivery.LeaseFor + TimeSpan.FromSeconds(1));
        // Another instance finds both leases lapsed, takes the rows and delivers them.
        var taken = await _clock.Outbox.LeaseAsync(OutboxStatus.Ready, [LateReply.OutboxKind], "another-instance", OutboxDelivery.LeaseFor, 10);
        Assert.Contains(taken, r => r.IdempotencyKey == secondKey);
        foreach (var row in taken)
            Assert.True(await _clock.Outbox.MarkSentAsync(row));

        _slowSends.Release();
        // The first send was already on the wire and arrives. The first holder then reaches the second row and
        // either leaves it or (the fault) sends it: the log says which, with the row's key.
        await _clock.UntilAsync(() => Task.FromResult(_logs.Lines.Any(l => !l.StartsWith(' ') && l.Contains(secondKey, StringComparison.Ordinal)
                && (l.Contains("Stopped working on", StringComparison.Ordinal) || l.Contains("Delivered", StringComparison.Ordinal)))),
            "the first holder to reach the second row");

        Assert.Empty(Inbox.For(second));
        Assert.Single(Inbox.For(first));
        Assert.Equal(OutboxStatus.Sent, (await _clock.Outbox.GetAsync(firstKey))!.Status);
    }

    private async Task<string> EnqueueLateReplyAsync(string openId, string text)
    {
        var key = $"{PortalAppFactory.AppId}:{openId}:{InboundXml.NextMsgId()}";
        var late = new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "question"), ReplyJson.Serialize(new TextReply(text)));
        Assert.True(await _clock.Outbox.EnqueueAsync(LateReply.OutboxKind, key, openId, OutboxStatus.Ready, late.ToJson()));
        return key;
    }
}
