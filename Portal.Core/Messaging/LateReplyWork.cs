using Portal.Core.Accounts;
using Portal.Core.Outbox;
using Portal.Core.Platform;

namespace Portal.Core.Messaging;

/// <summary>
/// Delivers a late reply (<see cref="LateReply"/>) as a customer-service message, in the replies lane: the
/// follower is waiting for it.
/// </summary>
public sealed class LateReplyWork(AccessTokenBroker broker, AccountDirectory accounts, CustomServiceClient customService) : IOutboxWork
{
    public string Kind => LateReply.OutboxKind;

    public OutboxLane Lane => OutboxLane.Replies;

    public string Label => "late reply";

    /// <summary>
    /// Customer-service messages reach the follower for 48 hours after their last action. The row is
    /// written when their message arrives (seconds after they sent it), so its creation starts the window.
    /// </summary>
    public OutboxDeadline DeadlineOf(OutboxItem row) => new(row.CreatedAt + CustomServiceClient.Window,
        "the follower's 48-hour window for customer-service messages closed before the platform could be reached");

    public Task DeliverAsync(OutboxItem row, CancellationToken ct)
    {
        var late = LateReply.FromJson(row.Payload);
        var reply = ReplyJson.Deserialize(late.ReplyJson ?? throw new FormatException("The late reply has no reply."));
        return broker.CallAsync(accounts.AccountOf(row), async (token, c) =>
        {
            await customService.SendAsync(token, row.OpenId!, reply, c).ConfigureAwait(false);
            return true;
        }, ct);
    }

    /// <summary>A late reply whose handler failed has no reply to send: recovery runs its message again.</summary>
    public string StatusOnRetry(OutboxItem row) =>
        LateReply.FromJson(row.Payload).ReplyJson is null ? OutboxStatus.AwaitingHandler : OutboxStatus.Ready;
}
