using Dapper;
using Portal.Core.Data;
using Portal.Core.Members;

namespace Portal.Core.Members;

/// <summary>
/// Finding members in the admin: by the code on their member QR, their OpenID, the start of their
/// nickname, or their bound phone (the whole number, its last four digits or its first digits);
/// newest first, paged by id. Balances are summed for the page shown only.
/// </summary>
public sealed class MemberDirectory(DbConnectionFactory db)
{
    private const string SearchSql = """
        SELECT m.id, m.openid, m.nickname, m.member_code, m.phone, m.real_name, m.birthday, m.created_at, m.last_sign_in_at,
               (SELECT COALESCE(SUM(delta), 0) FROM points_ledger p WHERE p.member_id = m.id) AS balance
        FROM members m
        WHERE m.account_id = @AccountId AND m.id < @Before
          AND (@Query IS NULL OR m.member_code = @Query OR m.openid = @Query OR m.nickname LIKE @Prefix ESCAPE '\'
               OR m.phone = @Phone OR m.phone_last4 = @LastFour OR (m.phone >= @PhoneFrom AND m.phone < @PhoneTo))
        ORDER BY m.id DESC
        LIMIT @Limit
        """;

    public async Task<IReadOnlyList<MemberRow>> SearchAsync(int accountId, string? query, long before = long.MaxValue, int limit = 50, CancellationToken ct = default)
    {
        query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        // LIKE's own wildcards in what an operator typed are matched literally.
        var prefix = query is null ? null : query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var phone = PhoneNumbers.ReadSearch(query);
        var args = new { AccountId = accountId, Query = query, Prefix = prefix, Phone = phone?.Whole, LastFour = phone?.LastFour, PhoneFrom = phone?.From, PhoneTo = phone?.To, Before = before, Limit = limit };
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<MemberRow>(new CommandDefinition(SearchSql, args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    private const string ByIdSql = """
        SELECT m.id, m.openid, m.nickname, m.member_code, m.phone, m.real_name, m.birthday, m.created_at, m.last_sign_in_at,
               (SELECT COALESCE(SUM(delta), 0) FROM points_ledger p WHERE p.member_id = m.id) AS balance
        FROM members m WHERE m.account_id = @AccountId AND m.id = @Id
        """;

    public async Task<MemberRow?> GetAsync(int accountId, long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(ByIdSql, new { AccountId = accountId, Id = id }, cancellationToken: ct)).ConfigureAwait(false);
    }
}

/// <summary>A member as the admin lists them.</summary>
public sealed record MemberRow
{
    public long Id { get; init; }
    public string OpenId { get; init; } = "";
    public string? Nickname { get; init; }
    public string? MemberCode { get; init; }

    /// <summary>The bound number, +86…; lists show <see cref="MaskedPhone"/>, the member's own page the whole number.</summary>
    public string? Phone { get; init; }
    public string? MaskedPhone => PhoneNumbers.Mask(Phone);

    /// <summary>The name and birthday (yyyy-MM-dd) the member gave at /members/profile.</summary>
    public string? RealName { get; init; }
    public string? Birthday { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSignInAt { get; init; }
    public long Balance { get; init; }
}
