using System.Security.Cryptography;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

/// <summary>
/// Coupon kinds and the coupons members hold. A claim counts what was claimed under a lock on the kind's
/// row, so neither the total nor a member's limit is exceeded however many claims arrive at once; a use
/// is one conditional update, so a coupon is used once.
/// </summary>
public sealed class Coupons(DbConnectionFactory db, TimeProvider time)
{
    private const string Columns = "id, name, amount_off_cents, min_spend_cents, valid_days, total_quantity, per_member_limit, enabled, created_at";

    private const string CreateSql = $"""
        INSERT INTO coupon_templates (account_id, name, amount_off_cents, min_spend_cents, valid_days, total_quantity, per_member_limit, enabled, created_at)
        VALUES (@AccountId, @Name, @AmountOffCents, @MinSpendCents, @ValidDays, @TotalQuantity, @PerMemberLimit, @Enabled, @At)
        RETURNING {Columns}
        """;

    public async Task<CouponTemplate> CreateAsync(int accountId, CouponTemplate template, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleAsync<CouponTemplate>(new CommandDefinition(CreateSql,
            new { AccountId = accountId, template.Name, template.AmountOffCents, template.MinSpendCents, template.ValidDays, template.TotalQuantity, template.PerMemberLimit, template.Enabled, At = time.GetUtcNow() },
            cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CouponTemplate>> TemplatesAsync(int accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<CouponTemplate>(new CommandDefinition($"SELECT {Columns} FROM coupon_templates WHERE account_id = @AccountId ORDER BY id", new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    private const string TemplateSql = $"SELECT {Columns} FROM coupon_templates WHERE account_id = @AccountId AND id = @Id";
    private const string CountsSql = """
        SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN member_id = @MemberId THEN 1 ELSE 0 END), 0) AS mine
        FROM member_coupons WHERE template_id = @TemplateId
        """;
    private const string ClaimSql = """
        INSERT INTO member_coupons (account_id, template_id, member_id, code, claimed_at, expires_at)
        VALUES (@AccountId, @TemplateId, @MemberId, @Code, @At, @ExpiresAt)
        RETURNING id, template_id, member_id, code, claimed_at, expires_at, used_at, used_for
        """;

    /// <summary>
    /// A member claims a coupon on offer, or (<paramref name="byOperator"/>) staff give one, which may be a
    /// coupon no longer on offer; the total and the member's limit hold either way.
    /// </summary>
    public async Task<(MemberCoupon? Coupon, CouponRefusal Refusal)> ClaimAsync(int accountId, long memberId, long templateId, CancellationToken ct = default, bool byOperator = false)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await MemberRowLock.LockAsync(db, connection, transaction, "coupon_templates", templateId, ct).ConfigureAwait(false);
        var template = await connection.QuerySingleOrDefaultAsync<CouponTemplate>(new CommandDefinition(TemplateSql, new { AccountId = accountId, Id = templateId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (template is null)
            return (null, CouponRefusal.NoSuchCoupon);
        if (!template.Enabled && !byOperator)
            return (null, CouponRefusal.NotOffered);
        var (total, mine) = await connection.QuerySingleAsync<(long Total, long Mine)>(new CommandDefinition(CountsSql, new { AccountId = accountId, TemplateId = templateId, MemberId = memberId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (template.TotalQuantity is { } quantity && total >= quantity)
            return (null, CouponRefusal.AllClaimed);
        if (mine >= template.PerMemberLimit)
            return (null, CouponRefusal.MemberLimitReached);
        var at = time.GetUtcNow();
        var coupon = await connection.QuerySingleAsync<MemberCoupon>(new CommandDefinition(ClaimSql,
            new { AccountId = accountId, TemplateId = templateId, MemberId = memberId, Code = NewCode(), At = at, ExpiresAt = at.AddDays(template.ValidDays) }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return (coupon, CouponRefusal.None);
    }

    private const string UseSql = """
        UPDATE member_coupons SET used_at = @At, used_for = @UsedFor
        WHERE account_id = @AccountId AND code = @Code AND used_at IS NULL AND expires_at > @At
        """;
    private const string ByCodeSql = "SELECT id, template_id, member_id, code, claimed_at, expires_at, used_at, used_for FROM member_coupons WHERE account_id = @AccountId AND code = @Code";

    /// <summary>Redeems a coupon by its code, for an order or at the counter (<paramref name="usedFor"/> says which).</summary>
    public async Task<CouponRefusal> UseAsync(int accountId, string code, string usedFor, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        if (await connection.ExecuteAsync(new CommandDefinition(UseSql, new { AccountId = accountId, Code = code, UsedFor = usedFor, At = at }, cancellationToken: ct)).ConfigureAwait(false) == 1)
            return CouponRefusal.None;
        var coupon = await connection.QuerySingleOrDefaultAsync<MemberCoupon>(new CommandDefinition(ByCodeSql, new { AccountId = accountId, Code = code }, cancellationToken: ct)).ConfigureAwait(false);
        return coupon is null ? CouponRefusal.NoSuchCoupon : coupon.UsedAt is not null ? CouponRefusal.AlreadyUsed : CouponRefusal.Expired;
    }

    private const string WalletSql = """
        SELECT id, template_id, member_id, code, claimed_at, expires_at, used_at, used_for
        FROM member_coupons WHERE account_id = @AccountId AND member_id = @MemberId ORDER BY expires_at
        """;

    public async Task<IReadOnlyList<MemberCoupon>> WalletAsync(int accountId, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<MemberCoupon>(new CommandDefinition(WalletSql, new { AccountId = accountId, MemberId = memberId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Twelve digits, easy to read out and type at a counter.</summary>
    private static string NewCode() => RandomNumberGenerator.GetString("0123456789", 12);
}
