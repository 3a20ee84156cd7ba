using Portal.Core.Operators;
using Portal.Core.Outbox;

namespace Portal.Core.Dashboard;

/// <summary>
/// The operators' side of deliveries that gave up, which the dashboard counts: list them, try one again
/// while it can still be delivered, or mark it seen. Each change is one conditional update with its audit
/// entry in one transaction. It lives here, not in the outbox, because it is an audited operator's action:
/// the outbox itself knows no feature (the audit trail is the Operators module's).
/// </summary>
public sealed class FailedDeliveries(OutboxStore outbox, OutboxWorkTable works, AuditLog audit, TimeProvider time)
{
    public const string EntityType = "outbox";

    /// <summary>Rows still waiting after this long are listed too: delivery is stuck, not merely busy.</summary>
    public static readonly TimeSpan LongPending = TimeSpan.FromMinutes(5);

    public const int PageSize = 200;

    public Task<IReadOnlyList<OutboxItem>> ListAsync(int accountId, CancellationToken ct = default) =>
        outbox.NeedingAttentionAsync(accountId, time.GetUtcNow() - LongPending, PageSize, ct);

    /// <summary>Puts a failed row back in line, due now; refused with the reason once its kind's deadline passed.</summary>
    public Task<string?> RetryAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        outbox.InTransactionAsync(async tx =>
        {
            var row = await outbox.GetAsync(tx, accountId, id, ct).ConfigureAwait(false);
            if (row is not { Status: OutboxStatus.Failed })
                return "This delivery is no longer failed: someone retried it already, or it was removed.";
            // A row of a kind this version does not know would wait for another instance anyway; its
            // deadline is unknown here, so the retry is left to an instance of the version that wrote it.
            if (works.Find(row.Kind) is not { } work)
                return $"This version of Portal cannot deliver rows of kind '{row.Kind}'. Nothing was changed; retry it from an instance that can.";
            var deadline = work.DeadlineOf(row);
            if (time.GetUtcNow() > deadline.At)
                return $"Too late to retry: {deadline.Reason} (at {deadline.At:yyyy-MM-dd HH:mm} UTC). WeChat would refuse it now. Nothing was changed; mark it seen instead.";
            // Some kinds redo work first (a late reply whose handler failed runs its message again).
            var to = work.StatusOnRetry(row);
            if (!await outbox.RetryFailedAsync(tx, id, to, ct).ConfigureAwait(false))
                return "This delivery is no longer failed: someone retried it already.";
            await audit.RecordAsync(tx, actor.On(accountId), EntityType, Id(row), "retry",
                new { row.Kind, row.OpenId, row.Status, row.Attempts, row.LastError }, new { Status = to, Attempts = 0 }, ct).ConfigureAwait(false);
            return (string?)null;
        }, ct);

    /// <summary>Marks a failed row seen, so the dashboard and /healthz stop counting it; the row stays as the record.</summary>
    public Task<string?> DismissAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        outbox.InTransactionAsync(async tx =>
        {
            var row = await outbox.GetAsync(tx, accountId, id, ct).ConfigureAwait(false);
            if (row is not { Status: OutboxStatus.Failed } || !await outbox.DismissAsync(tx, id, ct).ConfigureAwait(false))
                return "This delivery no longer waits for anyone.";
            await audit.RecordAsync(tx, actor.On(accountId), EntityType, Id(row), "dismiss", new { row.Kind, row.OpenId, row.LastError }, null, ct).ConfigureAwait(false);
            return (string?)null;
        }, ct);

    private static string Id(OutboxItem row) => row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
