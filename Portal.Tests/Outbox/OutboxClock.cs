using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Outbox;

/// <summary>
/// An app on a fake clock whose background workers (delivery every second, recovery every ten) run when the
/// test moves the clock on; the test then waits, in real time, for the rows to show the work was done.
/// </summary>
public sealed class OutboxClock(PortalAppFactory app, FakeTimeProvider time, CapturedLogs? logs = null)
{
    public OutboxStore Outbox => app.Services.GetRequiredService<OutboxStore>();

    /// <summary>
    /// Waits until the row of <paramref name="key"/> satisfies <paramref name="done"/>. With <paramref name="nudge"/>
    /// the clock moves on a second now and then, so a worker whose tick came just before the row was due
    /// gets another one.
    /// </summary>
    public async Task<OutboxItem> WaitForAsync(string key, Func<OutboxItem, bool> done, bool nudge = true)
    {
        var reads = 0;
        var last = await Eventually.ReadAsync(() => Outbox.GetAsync(key), row => row is not null && done(row), between: () =>
        {
            if (nudge && ++reads % 10 == 0)
                time.Advance(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        });
        if (last is not null && done(last))
            return last;
        throw new Xunit.Sdk.XunitException($"The row {key} did not get there; it is {last?.Status} after {last?.Attempts} attempts ({last?.LastError}).{(logs is null ? "" : "\n" + string.Join("\n", logs.Lines.Where(l => l.StartsWith("Warn") || l.StartsWith("Error"))))}");
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds, moving the clock on a second now and then so that the
    /// background workers keep taking turns.
    /// </summary>
    public async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var reads = 0;
        var held = await Eventually.HoldsAsync(done, between: () =>
        {
            if (++reads % 10 == 0)
                time.Advance(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        });
        if (!held)
            throw new Xunit.Sdk.XunitException($"Still waiting for {what}.");
    }

    /// <summary>
    /// Moves the clock from one due attempt to the next, waiting for each to end, until the row is no longer
    /// waiting to be sent or the clock reaches <paramref name="end"/>.
    /// </summary>
    public async Task<OutboxItem> AttemptUntilAsync(string key, DateTimeOffset end)
    {
        var row = (await Outbox.GetAsync(key))!;
        while (row.Status == OutboxStatus.Ready && time.GetUtcNow() < end)
        {
            var wait = row.NextAttemptAt - time.GetUtcNow();
            time.Advance((wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + TimeSpan.FromSeconds(1));
            var attempts = row.Attempts;
            row = await WaitForAsync(key, r => (r.Attempts > attempts && r.LeaseOwner is null) || r.Status != OutboxStatus.Ready);
        }
        return row;
    }
}
