using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Menus;

/// <summary>The menu history: appended to at every publish, rollback and pull; read newest first.</summary>
public sealed class MenuVersionStore(DbConnectionFactory db, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO menu_versions (account_id, menu_json, match_rule_json, platform_menu_id, source, note, created_by, created_at)
        VALUES (@AccountId, @MenuJson, @RuleJson, @PlatformMenuId, @Source, @Note, @CreatedBy, @At)
        RETURNING id
        """;

    public async Task<MenuVersion> AddAsync(int accountId, MenuVersion version, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { AccountId = accountId, MenuJson = MenuJson.Write(version.Menu), RuleJson = MenuJson.Write(version.Rule), version.PlatformMenuId, version.Source, version.Note, version.CreatedBy, At = at };
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, args, cancellationToken: ct)).ConfigureAwait(false);
        return version with { Id = id, CreatedAt = at };
    }

    // Keyset paging: the history only grows, and an operator pages back from the newest.
    private const string ListSql = """
        SELECT id, menu_json, match_rule_json, platform_menu_id, source, note, created_by, created_at
        FROM menu_versions WHERE account_id = @AccountId AND id < @Before ORDER BY id DESC LIMIT @Limit
        """;

    public async Task<IReadOnlyList<MenuVersion>> ListAsync(int accountId, int limit = 50, long before = long.MaxValue, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { AccountId = accountId, Before = before, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToVersion()).ToList();
    }

    private const string GetSql = """
        SELECT id, menu_json, match_rule_json, platform_menu_id, source, note, created_by, created_at
        FROM menu_versions WHERE account_id = @AccountId AND id = @Id
        """;

    public async Task<MenuVersion?> GetAsync(int accountId, long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetSql, new { AccountId = accountId, Id = id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToVersion();
    }

    private const string LatestDefaultSql = """
        SELECT id, menu_json, match_rule_json, platform_menu_id, source, note, created_by, created_at
        FROM menu_versions WHERE account_id = @AccountId AND match_rule_json IS NULL ORDER BY id DESC LIMIT 1
        """;

    /// <summary>The default menu as Portal last put it on (or read it from) the platform.</summary>
    public async Task<MenuVersion?> LatestDefaultAsync(int accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(LatestDefaultSql, new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToVersion();
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public string MenuJson { get; init; } = "";
        public string? MatchRuleJson { get; init; }
        public long? PlatformMenuId { get; init; }
        public string Source { get; init; } = "";
        public string? Note { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }

        public MenuVersion ToVersion() => new()
        {
            Id = Id,
            Menu = Menus.MenuJson.ReadMenu(MenuJson),
            Rule = Menus.MenuJson.ReadRule(MatchRuleJson),
            PlatformMenuId = PlatformMenuId,
            Source = Source,
            Note = Note,
            CreatedBy = CreatedBy,
            CreatedAt = CreatedAt,
        };
    }
}
