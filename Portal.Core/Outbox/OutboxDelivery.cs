using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using Portal.Core.Followers;
using Portal.Core.Inbox;
using Portal.Core.Logging;
using Portal.Core.Messaging;
using Portal.Core.Platform;

namespace Portal.Core.Outbox;

/// <summary>
/// Delivers ready outbox rows, on every instance at once without sending a row twice: each row is leased
/// with a conditional update and finished only by its lease holder. Rows are late replies (sent as
/// customer-service messages), operators' replies from the inbox, template messages and pages of a
/// follower sync. Transient failures (platform busy,
/// network) come back later with pauses that double up to <see cref="OutboxOptions.MaxRetryDelay"/>, for as
/// long as the row's kind may still be delivered (<see cref="OutboxDeadlines"/>: 48 hours for replies); the
/// platform's business answers (45015: the follower's 48-hour window is closed, and the like) end the row at
/// once. A row given up is logged as an error once and waits, Failed with its reason, for an operator.
/// </summary>
public sealed partial class OutboxDelivery(
    OutboxStore outbox,
    AccessTokenBroker broker,
    CustomServiceClient customService,
    TemplateClient templates,
    FollowerSync followerSync,
    InstanceIdentity instance,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    DependencyOutages outages,
    ILogger<OutboxDelivery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await DeliverDueAsync(stoppingToken).ConfigureAwait(false);
                outages.For(DependencyOutages.Outbox).Succeeded();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged once when passes start failing and once when one works again, not every pass.
                outages.For(DependencyOutages.Outbox).Failed(e);
            }
        }
    }

    /// <summary>One pass over the rows that are due; returns how many it delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var delivered = 0;
        foreach (var row in await outbox.LeaseAsync(OutboxStatus.Ready, instance.Id, LeaseFor, 50, ct).ConfigureAwait(false))
        {
            if (await DeliverAsync(row, ct).ConfigureAwait(false))
                delivered++;
        }
        return delivered;
    }

    private async Task<bool> DeliverAsync(OutboxItem row, CancellationToken ct)
    {
        var until = OutboxDeadlines.DeliverableUntil(row);
        if (time.GetUtcNow() > until)
        {
            // No instance ran for a while (or the row was due after its window): sending now would be refused
            // or unwelcome, so it ends without a call.
            await GiveUpAsync(row, OutboxDeadlines.ClosedReason(row), ct).ConfigureAwait(false);
            return false;
        }
        try
        {
            await SendAsync(row, ct).ConfigureAwait(false);
            await outbox.MarkSentAsync(row, ct).ConfigureAwait(false);
            LogSent(logger, row.Kind, row.IdempotencyKey);
            return true;
        }
        catch (OutboxLeaseLostException)
        {
            LogLeaseLost(logger, row.IdempotencyKey);
        }
        catch (OutboxRetryLaterException e)
        {
            await outbox.RetryLaterAsync(row, time.GetUtcNow() + e.After, e.Message, ct).ConfigureAwait(false);
            LogRetry(logger, row.IdempotencyKey, e.Message);
        }
        catch (WeChatApiException e) when (!e.IsTransient && !e.IsTokenInvalid)
        {
            await GiveUpAsync(row, $"{e.ErrorCode}: {e.ErrorMessage}", ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotSupportedException or FormatException)
        {
            await GiveUpAsync(row, e.Message, ct).ConfigureAwait(false);
        }
        // InvalidOperationException: the platform cannot be called yet (no AppSecret configured); it may be later.
        catch (Exception e) when (e is WeChatApiException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            var reason = e is WeChatApiException api ? $"{api.ErrorCode}: {api.ErrorMessage}" : e.GetType().Name;
            var now = time.GetUtcNow();
            if (now >= until)
            {
                await GiveUpAsync(row, $"{OutboxDeadlines.ClosedReason(row)}; {row.Attempts} attempts, the last: {reason}", ct).ConfigureAwait(false);
            }
            else
            {
                // The last attempt falls on the deadline itself, so a platform back just in time still gets it.
                var next = now + Backoff(row.Attempts, options.Value.MaxRetryDelay);
                await outbox.RetryLaterAsync(row, next < until ? next : until, reason, ct).ConfigureAwait(false);
                // An outage of hours retries every row many times: its first retry is worth a warning, the
                // rest only say the same again.
                if (row.Attempts == 1)
                    LogRetry(logger, row.IdempotencyKey, reason);
                else
                    LogRetryAgain(logger, row.IdempotencyKey, row.Attempts, reason);
            }
        }
        return false;
    }

    private Task SendAsync(OutboxItem row, CancellationToken ct) => row.Kind switch
    {
        LateReply.OutboxKind => SendLateReplyAsync(row, ct),
        TemplateSend.OutboxKind => SendTemplateAsync(row, ct),
        CustomerServiceReply.OutboxKind => SendOperatorReplyAsync(row, ct),
        FollowerSyncPage.OutboxKind => followerSync.ProcessAsync(row, ct),
        _ => throw new NotSupportedException($"No delivery for outbox rows of kind '{row.Kind}'."),
    };

    private Task SendTemplateAsync(OutboxItem row, CancellationToken ct)
    {
        var message = TemplateSend.FromJson(row.Payload).Message;
        return broker.CallAsync((token, c) => templates.SendAsync(token, message, c), ct);
    }

    private Task SendLateReplyAsync(OutboxItem row, CancellationToken ct)
    {
        var late = LateReply.FromJson(row.Payload);
        var reply = ReplyJson.Deserialize(late.ReplyJson ?? throw new FormatException("The late reply has no reply."));
        return broker.CallAsync(async (token, c) =>
        {
            await customService.SendAsync(token, row.OpenId!, reply, c).ConfigureAwait(false);
            return true;
        }, ct);
    }

    private Task SendOperatorReplyAsync(OutboxItem row, CancellationToken ct)
    {
        var reply = CustomerServiceReply.FromJson(row.Payload);
        return broker.CallAsync(async (token, c) =>
        {
            await customService.SendAsync(token, row.OpenId!, new WeChat.Replies.TextReply(reply.Text), c).ConfigureAwait(false);
            return true;
        }, ct);
    }

    private async Task GiveUpAsync(OutboxItem row, string reason, CancellationToken ct)
    {
        await outbox.MarkFailedAsync(row, reason, ct).ConfigureAwait(false);
        LogFailed(logger, row.IdempotencyKey, reason);
    }

    /// <summary>2, 4, 8 … seconds, at most <paramref name="cap"/>.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan cap) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Clamp(attempts, 1, 30)), cap.TotalSeconds));

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Kind} {Key}")]
    private static partial void LogSent(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Key} will be tried again: {Reason}")]
    private static partial void LogRetry(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery of {Key} will be tried again after attempt {Attempts}: {Reason}")]
    private static partial void LogRetryAgain(ILogger logger, string key, int attempts, string reason);

    // Once per row (it is Failed afterwards), with no stack trace: the reason says what an operator needs.
    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {Key}; it waits for an operator under /admin/outbox: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped working on {Key}: another instance took its lapsed lease")]
    private static partial void LogLeaseLost(ILogger logger, string key);
}
