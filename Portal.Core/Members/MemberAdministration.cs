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
    public async Task<LedgerOutcome> AdjustPointsAsync(AuditActor actor, int accountId, long memberId, int delta, string reason, string idempotencyKey, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.AllowsPointsChange(delta), nameof(delta));
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var outcome = await ledger.AddAsync(connection, transaction, accountId, memberId, delta, reason, "operator:" + idempotencyKey, actor.Name, ct).ConfigureAwait(false);
        if (!outcome.Refused && !outcome.Duplicate)
        {
            await audit.RecordAsync(transaction, actor.On(accountId), "member", memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), "points adjusted",
                new { balance = outcome.Balance - delta }, new { balance = outcome.Balance, delta, reason }, ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        if (!outcome.Refused && !outcome.Duplicate
            && await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT openid FROM members WHERE account_id = @AccountId AND id = @Id", new { AccountId = accountId, Id = memberId }, cancellationToken: ct)).ConfigureAwait(false) is { } openId)
            await notices.PointsChangedAsync(accountId, openId, outcome.Entry!, outcome.Balance, ct).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Gives a member a coupon (a complaint put right, a prize); audited.</summary>
    public async Task<CouponRefusal> IssueCouponAsync(AuditActor actor, int accountId, long memberId, long templateId, CancellationToken ct = default)
    {
        var (coupon, refusal) = await coupons.ClaimAsync(accountId, memberId, templateId, ct, byOperator: true).ConfigureAwait(false);
        if (coupon is not null)
            await audit.RecordAsync(actor.On(accountId), "member", memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), "coupon given", null, new { coupon.Code, templateId }, ct).ConfigureAwait(false);
        return refusal;
    }

    public async Task<CouponRefusal> RedeemCouponAsync(AuditActor actor, int accountId, string code, CancellationToken ct = default)
    {
        var refusal = await coupons.UseAsync(accountId, code, "counter", ct).ConfigureAwait(false);
        if (refusal == CouponRefusal.None)
            await audit.RecordAsync(actor.On(accountId), "coupon", code, "redeemed at the counter", new { used = false }, new { used = true }, ct).ConfigureAwait(false);
        return refusal;
    }

    public async Task<CouponTemplate> OfferCouponAsync(AuditActor actor, int accountId, CouponTemplate template, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.Allows(template), nameof(template));
        var created = await coupons.CreateAsync(accountId, template, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor.On(accountId), "coupon offer", created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "created", null, created, ct).ConfigureAwait(false);
        return created;
    }

    public async Task<bool> SetCouponOfferedAsync(AuditActor actor, int accountId, long templateId, bool enabled, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition("UPDATE coupon_templates SET enabled = @Enabled WHERE account_id = @AccountId AND id = @Id AND enabled <> @Enabled",
            new { AccountId = accountId, Id = templateId, Enabled = enabled }, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;
        if (changed)
            await audit.RecordAsync(transaction, actor.On(accountId), "coupon offer", templateId.ToString(System.Globalization.CultureInfo.InvariantCulture), enabled ? "offered" : "withdrawn", new { enabled = !enabled }, new { enabled }, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed;
    }

    public async Task SaveLevelsAsync(AuditActor actor, int accountId, MemberLevels levels, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.Allows(levels), nameof(levels));
        var before = await settings.LevelsAsync(accountId, ct).ConfigureAwait(false);
        await settings.SaveLevelsAsync(accountId, levels, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor.On(accountId), "membership", "levels", "changed", before.Levels, levels.Levels, ct).ConfigureAwait(false);
    }

    public async Task SaveCheckInRulesAsync(AuditActor actor, int accountId, CheckInRules rules, CancellationToken ct = default)
    {
        MembershipLimits.Require(MembershipLimits.Allows(rules), nameof(rules));
        var before = await settings.CheckInRulesAsync(accountId, ct).ConfigureAwait(false);
        await settings.SaveCheckInRulesAsync(accountId, rules, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor.On(accountId), "membership", "check-in", "changed", before, rules, ct).ConfigureAwait(false);
    }
}
