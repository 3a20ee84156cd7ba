using Microsoft.Extensions.Logging;
using Portal.Core.Coordination;
using Portal.Core.Outbox;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>The outbox rows of replies that missed the deadline, from "handler still running" to "ready to send".</summary>
public sealed partial class LateReplies(OutboxStore outbox, MessageLogStore log, InstanceIdentity instance, TimeProvider time, ILogger<LateReplies> logger)
{
    /// <summary>
    /// How long the row stays with the instance running its handler unless renewed. Short, so that a crashed
    /// instance's message is run again elsewhere within about this plus one recovery pass
    /// (<see cref="LateReplyRecovery.Interval"/>); a live holder renews it every <see cref="RenewEvery"/>.
    /// </summary>
    public static readonly TimeSpan HandlerLease = TimeSpan.FromSeconds(30);

    /// <summary>A third of the lease: two renewals may fail (a database blip) before the lease lapses.</summary>
    public static readonly TimeSpan RenewEvery = HandlerLease / 3;

    /// <summary>
    /// Renewal gives up after this: a handler still running then is taken for hung, and recovery may run the
    /// message elsewhere (its reply is still queued once: only the first to finish moves the row on).
    /// </summary>
    public static readonly TimeSpan MaxRenewal = TimeSpan.FromMinutes(10);

    /// <summary>Written before WeChat is told <c>success</c>, so a crash after that loses nothing.</summary>
    public Task DeferAsync(Accounts.WeChatAccount account, string messageKey, string openId, LateReply reply, CancellationToken ct = default) =>
        outbox.EnqueueAsync(LateReply.OutboxKind, messageKey, openId, OutboxStatus.AwaitingHandler, reply.ToJson(), instance.Id, HandlerLease, ct, account.Id);

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

    /// <summary>
    /// Renews this instance's lease on the row of <paramref name="messageKey"/> until <paramref name="work"/>
    /// (the handler and the completion of its row) ends, so recovery leaves a live handler alone while it
    /// runs (for at most <see cref="MaxRenewal"/>). Renewal also stops once the row is no longer this
    /// instance's to renew; a failed renewal is logged once and tried again at the next turn, and never
    /// reaches the handler.
    /// </summary>
    public void KeepLeasedWhile(string messageKey, Task work) => _ = RenewAsync(messageKey, work);

    private async Task RenewAsync(string messageKey, Task work)
    {
        using var timer = new PeriodicTimer(RenewEvery, time);
        var stopAt = time.GetUtcNow() + MaxRenewal;
        var failedBefore = false;
        while (time.GetUtcNow() < stopAt)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(work, tick).ConfigureAwait(false) == work)
                return;
            try
            {
                if (!await outbox.ExtendLeaseAsync(messageKey, OutboxStatus.AwaitingHandler, instance.Id, HandlerLease).ConfigureAwait(false))
                    return;
            }
            catch (Exception e)
            {
                if (!failedBefore)
                    LogRenewalFailed(logger, messageKey, e.GetType().Name);
                failedBefore = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the handler lease of {MessageKey} ({Error}); renewal goes on, and recovery may run the message elsewhere if the lease lapses")]
    private static partial void LogRenewalFailed(ILogger logger, string messageKey, string error);

    /// <summary>The handler failed: keep the row with the reason, for the admin pages.</summary>
    public Task<bool> FailAsync(string messageKey, LateReply deferred, string reason, CancellationToken ct = default) =>
        outbox.TransitionAsync(messageKey, OutboxStatus.AwaitingHandler, OutboxStatus.Failed, deferred.ToJson(), reason, ct);
}
