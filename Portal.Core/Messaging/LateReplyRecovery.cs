using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Coordination;
using Portal.Core.Outbox;
using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>
/// Finishes late replies whose instance stopped before the handler did: a row still awaiting its handler
/// after its lease lapsed is leased by one instance, its message parsed from the stored XML and handled
/// again, and its reply queued for delivery.
/// </summary>
public sealed partial class LateReplyRecovery(
    OutboxStore outbox,
    LateReplies lateReplies,
    MessageRouter router,
    InstanceIdentity instance,
    TimeProvider time,
    ILogger<LateReplyRecovery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RecoverAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRecoveryFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass; returns how many rows it finished.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var rows = await outbox.LeaseAsync(OutboxStatus.AwaitingHandler, instance.Id, LateReplies.HandlerLease, 20, ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var deferred = LateReply.FromJson(row.Payload);
            var message = InboundParser.Parse(deferred.MessageXml);
            var handler = router.Resolve(message);
            try
            {
                var context = new MessageContext(message, deferred.AppId, time.GetUtcNow());
                var reply = handler is null ? null : await handler.HandleAsync(context, ct).ConfigureAwait(false);
                await lateReplies.CompleteAsync(row.IdempotencyKey, deferred, reply, context, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await lateReplies.FailAsync(row.IdempotencyKey, deferred, "The handler failed on recovery: " + e.GetType().Name, ct).ConfigureAwait(false);
            }
            LogRecovered(logger, row.IdempotencyKey);
        }
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered the late reply of {MessageKey}")]
    private static partial void LogRecovered(ILogger logger, string messageKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Late-reply recovery pass failed; the next pass tries again")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
