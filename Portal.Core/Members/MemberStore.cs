using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

/// <summary>The members table: created or brought up to date at each sign-in.</summary>
public sealed class MemberStore(DbConnectionFactory db, TimeProvider time)
{
    // A silent (snsapi_base) sign-in knows only the OpenID: it must not wipe a profile given earlier.
    private const string SignInSql = """
        INSERT INTO members (account_id, openid, unionid, nickname, avatar_url, has_profile, created_at, updated_at, last_sign_in_at)
        VALUES (@AccountId, @OpenId, @UnionId, @Nickname, @AvatarUrl, @HasProfile, @At, @At, @At)
        ON CONFLICT (account_id, openid) DO UPDATE SET
            unionid = COALESCE(excluded.unionid, members.unionid),
            nickname = CASE WHEN excluded.has_profile THEN excluded.nickname ELSE members.nickname END,
            avatar_url = CASE WHEN excluded.has_profile THEN excluded.avatar_url ELSE members.avatar_url END,
            has_profile = CASE WHEN excluded.has_profile THEN excluded.has_profile ELSE members.has_profile END,
            updated_at = @At, last_sign_in_at = @At
        RETURNING id, account_id, openid, unionid, nickname, avatar_url, has_profile, member_code, phone, real_name, birthday, created_at, last_sign_in_at
        """;

    public async Task<Member> SignInAsync(int accountId, MemberSignIn signIn, bool withProfile, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { AccountId = accountId, signIn.OpenId, signIn.UnionId, signIn.Nickname, signIn.AvatarUrl, HasProfile = withProfile, At = time.GetUtcNow() };
        return await connection.QuerySingleAsync<Member>(new CommandDefinition(SignInSql, args, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string Columns = "id, account_id, openid, unionid, nickname, avatar_url, has_profile, member_code, phone, real_name, birthday, created_at, last_sign_in_at";
    private const string ByOpenIdSql = $"SELECT {Columns} FROM members WHERE account_id = @AccountId AND openid = @OpenId";

    public async Task<Member?> FindAsync(int accountId, string openId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<Member>(new CommandDefinition(ByOpenIdSql, new { AccountId = accountId, OpenId = openId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string ByCodeSql = $"SELECT {Columns} FROM members WHERE account_id = @AccountId AND member_code = @Code";

    /// <summary>The member whose code staff scanned or typed at the counter.</summary>
    public async Task<Member?> FindByCodeAsync(int accountId, string code, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<Member>(new CommandDefinition(ByCodeSql, new { AccountId = accountId, Code = code }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string ByPhoneSql = $"SELECT {Columns} FROM members WHERE account_id = @AccountId AND phone = @Phone";

    /// <summary>The member who bound <paramref name="phone"/> (any way of writing it); null for none or not a number.</summary>
    public async Task<Member?> FindByPhoneAsync(int accountId, string phone, CancellationToken ct = default)
    {
        if (PhoneVerification.Normalize(phone) is not { } number)
            return null;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<Member>(new CommandDefinition(ByPhoneSql, new { AccountId = accountId, Phone = number }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string SetCodeSql = "UPDATE members SET member_code = @Code WHERE account_id = @AccountId AND id = @Id AND member_code IS NULL";
    private const string CodeSql = "SELECT member_code FROM members WHERE account_id = @AccountId AND id = @Id";

    /// <summary>
    /// The member's counter code, made on first use: twelve random digits (a member number would let anyone
    /// guess their neighbour's). A collision with another member's code is retried.
    /// </summary>
    public async Task<string> CodeAsync(int accountId, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CodeSql, new { AccountId = accountId, Id = memberId }, cancellationToken: ct)).ConfigureAwait(false) is { } code)
                return code;
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(SetCodeSql, new { AccountId = accountId, Id = memberId, Code = System.Security.Cryptography.RandomNumberGenerator.GetString("0123456789", 12) }, cancellationToken: ct)).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException) when (attempt < 3)
            {
                // Another member has those digits: draw again.
            }
        }
    }

    private const string ProfileSql = "UPDATE members SET real_name = @RealName, birthday = @Birthday, updated_at = @At WHERE account_id = @AccountId AND id = @Id";

    /// <summary>The name and birthday a member gave (the birthday as yyyy-MM-dd; either may be cleared).</summary>
    public async Task SaveProfileAsync(int accountId, long memberId, string? realName, DateOnly? birthday, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(ProfileSql, new
        {
            AccountId = accountId,
            Id = memberId,
            RealName = string.IsNullOrWhiteSpace(realName) ? null : realName.Trim(),
            Birthday = birthday?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            At = time.GetUtcNow(),
        }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
