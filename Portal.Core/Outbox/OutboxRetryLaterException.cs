namespace Portal.Core.Outbox;

/// <summary>
/// Thrown by a delivery that cannot go on now but will later (a daily quota used up): the row waits for
/// <see cref="After"/> without counting towards giving up.
/// </summary>
public sealed class OutboxRetryLaterException(string reason, TimeSpan after) : Exception(reason)
{
    public TimeSpan After { get; } = after;
}
