using Portal.Core.Coordination;
using Portal.Core.Outbox;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>The outbox rows of replies that missed the deadline, from "handler still running" to "ready to send".</summary>
public sealed class LateReplies(OutboxStore outbox, MessageLogStore log, InstanceIdentity instance)
{
    /// <summary>How long the instance that deferred a reply keeps the row before recovery may re-run it elsewhere.</summary>
    public static readonly TimeSpan HandlerLease = TimeSpan.FromMinutes(2);

    /// <summary>Written before WeChat is told <c>success</c>, so a crash after that loses nothing.</summary>
    public Task DeferAsync(string messageKey, string openId, LateReply reply, CancellationToken ct = default) =>
        outbox.EnqueueAsync(LateReply.OutboxKind, messageKey, openId, OutboxStatus.AwaitingHandler, reply.ToJson(), instance.Id, HandlerLease, ct);

    /// <summary>
    /// The handler finished: queue its reply for delivery, or drop the row when it had none. A reply that
    /// answers (<paramref name="context"/> not marked as a fallback) also marks the message answered in the
    /// log, so the inbox stops listing it; the default reply sent late leaves it for a person.
    /// </summary>
    public async Task<bool> CompleteAsync(string messageKey, LateReply deferred, Reply? reply, MessageContext context, CancellationToken ct = default)
    {
        if (reply is null)
            return await outbox.DeleteAsync(messageKey, OutboxStatus.AwaitingHandler, ct).ConfigureAwait(false);
        var queued = await outbox.TransitionAsync(messageKey, OutboxStatus.AwaitingHandler, OutboxStatus.Ready,
            (deferred with { ReplyJson = ReplyJson.Serialize(reply) }).ToJson(), ct: ct).ConfigureAwait(false);
        if (queued && !context.ReplyIsFallback)
            await log.MarkAnsweredLateAsync(messageKey, ct).ConfigureAwait(false);
        return queued;
    }

    /// <summary>The handler failed: keep the row with the reason, for the admin pages.</summary>
    public Task<bool> FailAsync(string messageKey, LateReply deferred, string reason, CancellationToken ct = default) =>
        outbox.TransitionAsync(messageKey, OutboxStatus.AwaitingHandler, OutboxStatus.Failed, deferred.ToJson(), reason, ct);
}
