using Portal.Core.Outbox;

namespace Portal.Core.Followers;

/// <summary>
/// Works a page of a follower sync (<see cref="FollowerSyncPage"/>) in the bulk lane: a page of 10 000
/// followers is about a hundred platform calls, which must not hold up replies to followers.
/// </summary>
public sealed class FollowerSyncWork(FollowerSync sync) : IOutboxWork
{
    /// <summary>
    /// A page can be fetched at any time, and a used-up daily quota legitimately pauses it until the next
    /// day (<see cref="FollowerSync.QuotaPause"/> at a time); two days leave room for that and for an
    /// outage, after which a sync is better looked at (and started again) by an operator.
    /// </summary>
    public static readonly TimeSpan PageLife = TimeSpan.FromHours(48);

    public string Kind => FollowerSyncPage.OutboxKind;

    public OutboxLane Lane => OutboxLane.Bulk;

    public string Label => "follower sync page";

    public OutboxDeadline DeadlineOf(OutboxItem row) => OutboxDeadline.After(row, PageLife);

    public Task DeliverAsync(OutboxItem row, CancellationToken ct) => sync.ProcessAsync(row, ct);
}
