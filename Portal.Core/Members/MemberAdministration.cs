using Dapper;
using Portal.Core.Data;
using Portal.Core.Operators;

namespace Portal.Core.Members;

/// <summary>
/// What operators do to members: adjust points with a reason, redeem coupons at the counter, offer
/// coupons, set levels and check-in points. Each change and its audit entry commit together.
/// </summary>
public sealed class MemberAdministration(DbConnectionFactory db, PointsLedger ledger, Coupons coupons, MembershipSettings settings, MemberNotices notices, AuditLog audit)
{
    /// <summary>
    /// Adds (or, negative, takes) points. The form carries <paramref name="idempotencyKey"/>, drawn when it
    /// was shown, so a double click or a resent form changes the balance once.
    /// </summary>
    public async Task<LedgerOutcome> AdjustPointsAsync(AuditActor actor, long memberId, int delta, string reason, string idempotencyKey, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.AllowsPointsChange(delta), nameof(delta));
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var outcome = await ledger.AddAsync(connection, transaction, memberId, delta, reason, "operator:" + idempotencyKey, actor.Name, ct).ConfigureAwait(false);
        if (!outcome.Refused && !outcome.Duplicate)
        {
            await audit.RecordAsync(transaction, actor, "member", memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), "points adjusted",
                new { balance = outcome.Balance - delta }, new { balance = outcome.Balance, delta, reason }, ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        if (!outcome.Refused && !outcome.Duplicate
            && await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT openid FROM members WHERE id = @Id", new { Id = memberId }, cancellationToken: ct)).ConfigureAwait(false) is { } openId)
            await notices.PointsChangedAsync(openId, outcome.Entry!, outcome.Balance, ct).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Gives a member a coupon (a complaint put right, a prize); audited.</summary>
    public async Task<CouponRefusal> IssueCouponAsync(AuditActor actor, long memberId, long templateId, CancellationToken ct = default)
    {
        var (coupon, refusal) = await coupons.ClaimAsync(memberId, templateId, ct, byOperator: true).ConfigureAwait(false);
        if (coupon is not null)
            await audit.RecordAsync(actor, "member", memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), "coupon given", null, new { coupon.Code, templateId }, ct).ConfigureAwait(false);
        return refusal;
    }

    public async Task<CouponRefusal> RedeemCouponAsync(AuditActor actor, string code, CancellationToken ct = default)
    {
        var refusal = await coupons.UseAsync(code, "counter", ct).ConfigureAwait(false);
        if (refusal == CouponRefusal.None)
            await audit.RecordAsync(actor, "coupon", code, "redeemed at the counter", new { used = false }, new { used = true }, ct).ConfigureAwait(false);
        return refusal;
    }

    public async Task<CouponTemplate> OfferCouponAsync(AuditActor actor, CouponTemplate template, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.Allows(template), nameof(template));
        var created = await coupons.CreateAsync(template, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor, "coupon offer", created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "created", null, created, ct).ConfigureAwait(false);
        return created;
    }

    public async Task<bool> SetCouponOfferedAsync(AuditActor actor, long templateId, bool enabled, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition("UPDATE coupon_templates SET enabled = @Enabled WHERE id = @Id AND enabled <> @Enabled",
            new { Id = templateId, Enabled = enabled }, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;
        if (changed)
            await audit.RecordAsync(transaction, actor, "coupon offer", templateId.ToString(System.Globalization.CultureInfo.InvariantCulture), enabled ? "offered" : "withdrawn", new { enabled = !enabled }, new { enabled }, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed;
    }

    public async Task SaveLevelsAsync(AuditActor actor, MemberLevels levels, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.Allows(levels), nameof(levels));
        var before = await settings.LevelsAsync(ct).ConfigureAwait(false);
        await settings.SaveLevelsAsync(levels, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor, "membership", "levels", "changed", before.Levels, levels.Levels, ct).ConfigureAwait(false);
    }

    public async Task SaveCheckInRulesAsync(AuditActor actor, CheckInRules rules, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.Allows(rules), nameof(rules));
        var before = await settings.CheckInRulesAsync(ct).ConfigureAwait(false);
        await settings.SaveCheckInRulesAsync(rules, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor, "membership", "check-in", "changed", before, rules, ct).ConfigureAwait(false);
    }
}
