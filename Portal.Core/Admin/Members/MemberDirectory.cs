using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Admin.Members;

/// <summary>
/// Finding members in the admin: by the code on their member QR, their OpenID, or the start of their
/// nickname; newest first, paged by id. Balances are summed for the page shown only.
/// </summary>
public sealed class MemberDirectory(DbConnectionFactory db)
{
    private const string SearchSql = """
        SELECT m.id, m.openid, m.nickname, m.member_code, m.created_at, m.last_sign_in_at,
               (SELECT COALESCE(SUM(delta), 0) FROM points_ledger p WHERE p.member_id = m.id) AS balance
        FROM members m
        WHERE m.id < @Before
          AND (@Query IS NULL OR m.member_code = @Query OR m.openid = @Query OR m.nickname LIKE @Prefix ESCAPE '\')
        ORDER BY m.id DESC
        LIMIT @Limit
        """;

    public async Task<IReadOnlyList<MemberRow>> SearchAsync(string? query, long before = long.MaxValue, int limit = 50, CancellationToken ct = default)
    {
        query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        // LIKE's own wildcards in what an operator typed are matched literally.
        var prefix = query is null ? null : query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<MemberRow>(new CommandDefinition(SearchSql, new { Query = query, Prefix = prefix, Before = before, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    private const string ByIdSql = """
        SELECT m.id, m.openid, m.nickname, m.member_code, m.created_at, m.last_sign_in_at,
               (SELECT COALESCE(SUM(delta), 0) FROM points_ledger p WHERE p.member_id = m.id) AS balance
        FROM members m WHERE m.id = @Id
        """;

    public async Task<MemberRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(ByIdSql, new { Id = id }, cancellationToken: ct)).ConfigureAwait(false);
    }
}

/// <summary>A member as the admin lists them.</summary>
public sealed record MemberRow
{
    public long Id { get; init; }
    public string OpenId { get; init; } = "";
    public string? Nickname { get; init; }
    public string? MemberCode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSignInAt { get; init; }
    public long Balance { get; init; }
}
