using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Notifications;
using Portal.Core.Platform;

namespace Portal.Core.Members;

/// <summary>
/// Template messages that tell members about their points and coupons, queued in the outbox (so a send
/// survives a restart and is tried again) under a key per event, so each is sent once however many
/// instances notice it. Off until the account's template ids are set.
/// </summary>
public sealed class MemberNotices(TemplateSends sends, DbConnectionFactory db, IOptions<MembershipOptions> options, TimeProvider time)
{
    /// <summary>An operator or the counter changed a member's points.</summary>
    public Task<bool> PointsChangedAsync(int accountId, string openId, LedgerEntry entry, long balance, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(options.Value.PointsChangedTemplateId))
            return Task.FromResult(false);
        return sends.EnqueueAsync($"points-changed:{entry.Id}", new TemplateMessage
        {
            ToUser = openId,
            TemplateId = options.Value.PointsChangedTemplateId,
            Url = options.Value.MemberCentreUrl,
            Data = new Dictionary<string, TemplateValue>
            {
                ["first"] = new("您的积分有变动 Your points changed"),
                ["keyword1"] = new((entry.Delta > 0 ? "+" : "") + entry.Delta.ToString(CultureInfo.InvariantCulture)),
                ["keyword2"] = new(balance.ToString(CultureInfo.InvariantCulture)),
                ["keyword3"] = new(entry.Reason),
            },
        }, ct, accountId);
    }

    private const string ExpiringSql = """
        SELECT c.id AS coupon_id, c.expires_at, t.name, m.openid, m.account_id
        FROM member_coupons c
        JOIN coupon_templates t ON t.id = c.template_id
        JOIN members m ON m.id = c.member_id
        WHERE c.used_at IS NULL AND c.expires_at > @Now AND c.expires_at <= @Until
        """;

    /// <summary>Queues a reminder for every unused coupon expiring within the warning period; returns how many were new.</summary>
    public async Task<int> RemindExpiringCouponsAsync(CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(options.Value.CouponExpiringTemplateId))
            return 0;
        var now = time.GetUtcNow();
        IEnumerable<ExpiringCoupon> expiring;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        {
            expiring = (await connection.QueryAsync<ExpiringCoupon>(new CommandDefinition(ExpiringSql,
                new { Now = now, Until = now + options.Value.CouponExpiryWarning }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        }
        var queued = 0;
        foreach (var coupon in expiring)
        {
            var added = await sends.EnqueueAsync($"coupon-expiring:{coupon.CouponId}", new TemplateMessage
            {
                ToUser = coupon.OpenId,
                TemplateId = options.Value.CouponExpiringTemplateId,
                Url = options.Value.MemberCentreUrl,
                Data = new Dictionary<string, TemplateValue>
                {
                    ["first"] = new("您的优惠券即将过期 A coupon of yours expires soon"),
                    ["keyword1"] = new(coupon.Name),
                    ["keyword2"] = new(coupon.ExpiresAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                },
            }, ct, coupon.AccountId).ConfigureAwait(false);
            if (added)
                queued++;
        }
        return queued;
    }

    private sealed record ExpiringCoupon
    {
        public long CouponId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public string Name { get; init; } = "";
        public string OpenId { get; init; } = "";
        public int AccountId { get; init; }
    }
}
