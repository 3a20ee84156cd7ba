using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Members;

/// <summary>
/// Looks for coupons about to expire once an hour on every instance; the outbox's keys make each reminder
/// one send however many instances look.
/// </summary>
public sealed partial class CouponExpiryReminders(MemberNotices notices, TimeProvider time, ILogger<CouponExpiryReminders> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var queued = await notices.RemindExpiringCouponsAsync(stoppingToken).ConfigureAwait(false);
                if (queued > 0)
                    LogQueued(logger, queued);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} coupon expiry reminders")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for expiring coupons failed; trying again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
