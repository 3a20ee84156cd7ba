namespace Portal.Core.Outbox;

/// <summary>
/// A line of outbox work delivered on its own, so that work of one lane never waits behind another's: each
/// lane leases its own kinds and delivers them in a loop of its own. A page of a follower sync may take
/// minutes of platform calls; a follower's late reply must not wait for it.
/// </summary>
/// <param name="Name">Shown in logs and outage lines.</param>
/// <param name="BatchSize">
/// How many rows one pass leases at once. Rows of a batch are delivered one after another under a lease
/// taken for all of them, so a lane of long work takes one at a time: a row leased and left waiting
/// behind a long one could lapse and be taken by another instance.
/// </param>
public sealed record OutboxLane(string Name, int BatchSize)
{
    /// <summary>Answers to what a follower just said (late replies, operators' replies): seconds matter.</summary>
    public static readonly OutboxLane Replies = new("replies", 50);

    /// <summary>Notices a follower did not ask for just now (template messages): minutes are fine.</summary>
    public static readonly OutboxLane Notifications = new("notifications", 50);

    /// <summary>Long work for the account, not for one follower (follower-sync pages).</summary>
    public static readonly OutboxLane Bulk = new("bulk", 1);

    public override string ToString() => Name;
}
