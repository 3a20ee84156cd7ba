using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using Portal.Core.Logging;
using Portal.Core.Platform;

namespace Portal.Core.Outbox;

/// <summary>
/// Delivers ready outbox rows, on every instance at once without sending a row twice: each row is leased
/// with a conditional update and finished only by its lease holder. What a row is and how it is sent is
/// its kind's <see cref="IOutboxWork"/>, registered by the feature that writes it (<see cref="OutboxWorkTable"/>);
/// each <see cref="OutboxLane"/> is leased and delivered in a loop of its own, so a long follower-sync page
/// never holds up a late reply. Transient failures (platform busy, network) come back later with pauses
/// that double up to <see cref="OutboxOptions.MaxRetryDelay"/>, for as long as the row's kind may still be
/// delivered (<see cref="IOutboxWork.DeadlineOf"/>: 48 hours for replies); the platform's business answers
/// (45015: the follower's 48-hour window is closed, and the like) end the row at once. A row given up is
/// logged as an error once and waits, Failed with its reason, for an operator.
/// </summary>
public sealed partial class OutboxDelivery(
    OutboxStore outbox,
    OutboxWorkTable works,
    InstanceIdentity instance,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    DependencyOutages outages,
    ILogger<OutboxDelivery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(1);

    /// <summary>How often rows of kinds this instance does not know are looked for, to say so once.</summary>
    public static readonly TimeSpan UnknownKindsInterval = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _unknownKindsLogged = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(works.Lanes.Keys.Select(lane => RunLaneAsync(lane, stoppingToken)).Append(WatchUnknownKindsAsync(stoppingToken)));

    private async Task RunLaneAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        // Each lane has a timer and an outage line of its own: one lane's failing work neither delays the
        // others nor ends and restarts their outage on every pass.
        var outage = outages.For($"{DependencyOutages.Outbox}, {lane.Name}");
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await DeliverDueAsync(lane, stoppingToken).ConfigureAwait(false);
                outage.Succeeded();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged once when passes start failing and once when one works again, not every pass.
                outage.Failed(e);
            }
        }
    }

    /// <summary>One pass over the due rows of <paramref name="lane"/>; returns how many it delivered.</summary>
    public async Task<int> DeliverDueAsync(OutboxLane lane, CancellationToken ct = default)
    {
        if (!works.Lanes.TryGetValue(lane, out var kinds))
            return 0;
        var delivered = 0;
        var first = true;
        foreach (var row in await outbox.LeaseAsync(OutboxStatus.Ready, kinds, instance.Id, LeaseFor, lane.BatchSize, ct).ConfigureAwait(false))
        {
            // The whole batch was leased at once, for one lease's length. Sends before this row may have taken
            // longer than that (a platform slow after an outage), and then another instance may already have
            // taken and sent this row: renewing the lease first, on the condition that it is still ours,
            // makes sure a row is sent by one holder only. The first row's lease is fresh.
            if (!first && !await outbox.ExtendLeaseAsync(row, LeaseFor, ct).ConfigureAwait(false))
            {
                LogLeaseLost(logger, row.IdempotencyKey);
                continue;
            }
            first = false;
            if (await DeliverAsync(works.Find(row.Kind)!, row, ct).ConfigureAwait(false))
                delivered++;
        }
        return delivered;
    }

    private async Task<bool> DeliverAsync(IOutboxWork work, OutboxItem row, CancellationToken ct)
    {
        var deadline = work.DeadlineOf(row);
        if (time.GetUtcNow() > deadline.At)
        {
            // No instance ran for a while (or the row was due after its window): sending now would be refused
            // or unwelcome, so it ends without a call.
            await GiveUpAsync(row, deadline.Reason, ct).ConfigureAwait(false);
            return false;
        }
        try
        {
            await work.DeliverAsync(row, ct).ConfigureAwait(false);
            if (!await outbox.MarkSentAsync(row, ct).ConfigureAwait(false))
            {
                // Sent, but the lease lapsed during the send and another instance holds the row now.
                LogLeaseLost(logger, row.IdempotencyKey);
                return false;
            }
            LogSent(logger, row.Kind, row.IdempotencyKey);
            return true;
        }
        catch (OutboxLeaseLostException)
        {
            LogLeaseLost(logger, row.IdempotencyKey);
        }
        catch (OutboxRetryLaterException e)
        {
            await outbox.RetryLaterAsync(row, time.GetUtcNow() + e.After, e.Message, ct).ConfigureAwait(false);
            LogRetry(logger, row.IdempotencyKey, e.Message);
        }
        catch (WeChatApiException e) when (!e.IsTransient && !e.IsTokenInvalid)
        {
            await GiveUpAsync(row, $"{e.ErrorCode}: {e.ErrorMessage}", ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotSupportedException or FormatException)
        {
            await GiveUpAsync(row, e.Message, ct).ConfigureAwait(false);
        }
        // InvalidOperationException: the platform cannot be called yet (no AppSecret configured); it may be later.
        catch (Exception e) when (e is WeChatApiException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            var reason = e is WeChatApiException api ? $"{api.ErrorCode}: {api.ErrorMessage}" : e.GetType().Name;
            var now = time.GetUtcNow();
            if (now >= deadline.At)
            {
                await GiveUpAsync(row, $"{deadline.Reason}; {row.Attempts} attempts, the last: {reason}", ct).ConfigureAwait(false);
            }
            else
            {
                // The last attempt falls on the deadline itself, so a platform back just in time still gets it.
                var next = now + Backoff(row.Attempts, options.Value.MaxRetryDelay);
                await outbox.RetryLaterAsync(row, next < deadline.At ? next : deadline.At, reason, ct).ConfigureAwait(false);
                // An outage of hours retries every row many times: its first retry is worth a warning, the
                // rest only say the same again.
                if (row.Attempts == 1)
                    LogRetry(logger, row.IdempotencyKey, reason);
                else
                    LogRetryAgain(logger, row.IdempotencyKey, row.Attempts, reason);
            }
        }
        return false;
    }

    private async Task GiveUpAsync(OutboxItem row, string reason, CancellationToken ct)
    {
        await outbox.MarkFailedAsync(row, reason, ct).ConfigureAwait(false);
        LogFailed(logger, row.IdempotencyKey, reason);
    }

    private async Task WatchUnknownKindsAsync(CancellationToken stoppingToken)
    {
        var outage = outages.For($"{DependencyOutages.Outbox}, unknown kinds");
        using var timer = new PeriodicTimer(UnknownKindsInterval, time);
        do
        {
            try
            {
                await LogUnknownKindsAsync(stoppingToken).ConfigureAwait(false);
                outage.Succeeded();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                outage.Failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Says once per kind that rows of a kind this instance cannot deliver are waiting. They are left as
    /// they are, neither leased nor failed: an instance of the version that wrote them delivers them.
    /// </summary>
    public async Task LogUnknownKindsAsync(CancellationToken ct = default)
    {
        foreach (var kind in await outbox.UnknownKindsAsync(works.Kinds, ct).ConfigureAwait(false))
        {
            if (_unknownKindsLogged.TryAdd(kind, true))
                LogUnknownKind(logger, kind);
        }
    }

    /// <summary>2, 4, 8 … seconds, at most <paramref name="cap"/>.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan cap) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Clamp(attempts, 1, 30)), cap.TotalSeconds));

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Kind} {Key}")]
    private static partial void LogSent(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Key} will be tried again: {Reason}")]
    private static partial void LogRetry(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery of {Key} will be tried again after attempt {Attempts}: {Reason}")]
    private static partial void LogRetryAgain(ILogger logger, string key, int attempts, string reason);

    // Once per row (it is Failed afterwards), with no stack trace: the reason says what an operator needs.
    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {Key}; it waits for an operator under /admin/outbox: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped working on {Key}: another instance took its lapsed lease")]
    private static partial void LogLeaseLost(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox rows of kind '{Kind}' wait, which this version of Portal cannot deliver; they are left for an instance that can (is an upgrade under way?)")]
    private static partial void LogUnknownKind(ILogger logger, string kind);
}
