using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Accounts;
using Portal.Core.Coordination;
using Portal.Core.Logging;
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
    AccountDirectory accounts,
    TimeProvider time,
    DependencyOutages outages,
    ILogger<LateReplyRecovery> logger) : BackgroundService
{
    /// <summary>
    /// A pass is one indexed query when nothing waits, so it runs often: a dead holder's row is picked up
    /// within <see cref="LateReplies.HandlerLease"/> plus this.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private const int MaxPerPass = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RecoverAsync(stoppingToken).ConfigureAwait(false);
                outages.For(DependencyOutages.LateReplyRecovery).Succeeded();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged once when passes start failing and once when one works again, not every pass.
                outages.For(DependencyOutages.LateReplyRecovery).Failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass; returns how many rows it finished.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        // One row at a time: a row leased in a batch would sit unrenewed while the rows before it run, and
        // its short lease could lapse before its turn.
        var recovered = 0;
        while (recovered < MaxPerPass
            && (await outbox.LeaseAsync(OutboxStatus.AwaitingHandler, [LateReply.OutboxKind], instance.Id, LateReplies.HandlerLease, 1, ct).ConfigureAwait(false)) is [var row])
        {
            recovered++;
            var deferred = LateReply.FromJson(row.Payload);
            if (accounts.Find(row.AccountId) is not { } account)
            {
                await lateReplies.FailAsync(row.IdempotencyKey, deferred, $"Account {row.AccountId} is no longer configured.", ct).ConfigureAwait(false);
                continue;
            }
            var message = InboundParser.Parse(deferred.MessageXml);
            var handler = router.Resolve(message);
            var context = new MessageContext(message, account, time.GetUtcNow());
            var run = RunAsync(handler, context, row.IdempotencyKey, deferred, ct);
            // The recovered row is held by the same short lease, renewed while it runs, as on the first instance.
            lateReplies.KeepLeasedWhile(row.IdempotencyKey, run);
            await run.ConfigureAwait(false);
            LogRecovered(logger, row.IdempotencyKey);
        }
        return recovered;
    }

    private async Task RunAsync(IMessageHandler? handler, MessageContext context, string key, LateReply deferred, CancellationToken ct)
    {
        try
        {
            var reply = handler is null ? null : await handler.HandleAsync(context, ct).ConfigureAwait(false);
            await lateReplies.CompleteAsync(key, deferred, reply, context, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await lateReplies.FailAsync(key, deferred, "The handler failed on recovery: " + e.GetType().Name, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered the late reply of {MessageKey}")]
    private static partial void LogRecovered(ILogger logger, string messageKey);
}
