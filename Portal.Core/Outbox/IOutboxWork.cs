namespace Portal.Core.Outbox;

/// <summary>
/// One kind of outbox work and how to deliver it. The feature that writes rows of a kind registers its
/// work with <see cref="OutboxRegistration.AddOutboxWork{TWork}"/>; the outbox leases, paces, retries and
/// gives up on rows without knowing what any of them is.
/// </summary>
public interface IOutboxWork
{
    /// <summary>The value of <c>outbox.kind</c> for rows of this work. Stored in rows: never change it.</summary>
    string Kind { get; }

    /// <summary>The lane its rows are delivered in (<see cref="OutboxLane.Replies"/>, …).</summary>
    OutboxLane Lane { get; }

    /// <summary>What operators read on /admin/outbox for a row of this kind ("late reply").</summary>
    string Label { get; }

    /// <summary>Until when <paramref name="row"/> may still be delivered, and why not after.</summary>
    OutboxDeadline DeadlineOf(OutboxItem row);

    /// <summary>
    /// Delivers <paramref name="row"/>, which this instance holds leased. Returning is success; the
    /// platform's passing failures (network, busy, <see cref="Platform.WeChatApiException.IsTransient"/>)
    /// are tried again later, its business answers and <see cref="FormatException"/> or
    /// <see cref="NotSupportedException"/> end the row, <see cref="OutboxRetryLaterException"/> pauses it
    /// without counting towards giving up, and <see cref="OutboxLeaseLostException"/> leaves it to the
    /// instance that took it.
    /// </summary>
    Task DeliverAsync(OutboxItem row, CancellationToken ct);

    /// <summary>
    /// The status a failed row goes back to when an operator retries it: ready to deliver, unless the
    /// kind has work to redo first.
    /// </summary>
    string StatusOnRetry(OutboxItem row) => OutboxStatus.Ready;
}
