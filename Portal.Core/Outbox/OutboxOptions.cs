namespace Portal.Core.Outbox;

/// <summary>How the outbox paces its retries, bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// The longest pause between two attempts at one row. Pauses double from 2 seconds up to this, so a
    /// platform that comes back is noticed within it; a row keeps being tried until its kind's deadline
    /// (<see cref="IOutboxWork.DeadlineOf"/>), not for a number of attempts.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
