namespace Portal.Core.Outbox;

/// <summary>
/// How long a row is worth trying to deliver, and what to tell an operator once that has passed. Until
/// <see cref="At"/> a failing row is tried again with capped pauses; after it the row ends
/// <see cref="OutboxStatus.Failed"/> with <see cref="Reason"/> and an operator's Retry is refused.
/// </summary>
public sealed record OutboxDeadline(DateTimeOffset At, string Reason)
{
    /// <summary>A deadline <paramref name="life"/> after the row was written, for news that goes stale.</summary>
    public static OutboxDeadline After(OutboxItem row, TimeSpan life) =>
        new(row.CreatedAt + life, $"not delivered within {life.TotalHours:0} hours, after which it is no longer worth sending");
}
