using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Menus;

/// <summary>
/// Menus being edited and not yet published, one per slot (<see cref="DefaultSlot"/>, or a name an operator
/// gives a conditional menu). Saving is allowed with problems: a draft is work in progress.
/// </summary>
public sealed class MenuDraftStore(DbConnectionFactory db, TimeProvider time)
{
    public const string DefaultSlot = "default";

    private const string SaveSql = """
        INSERT INTO menu_drafts (account_id, slot, menu_json, match_rule_json, updated_by, updated_at)
        VALUES (@AccountId, @Slot, @MenuJson, @RuleJson, @By, @At)
        ON CONFLICT (account_id, slot) DO UPDATE SET menu_json = @MenuJson, match_rule_json = @RuleJson, updated_by = @By, updated_at = @At
        """;

    public async Task SaveAsync(int accountId, string slot, Menu menu, MatchRule? rule, string by, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { AccountId = accountId, Slot = slot, MenuJson = MenuJson.Write(menu), RuleJson = MenuJson.Write(rule), By = by, At = time.GetUtcNow() };
        await connection.ExecuteAsync(new CommandDefinition(SaveSql, args, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string GetSql = "SELECT slot, menu_json, match_rule_json, updated_by, updated_at FROM menu_drafts WHERE account_id = @AccountId AND slot = @Slot";

    public async Task<MenuDraft?> GetAsync(int accountId, string slot, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetSql, new { AccountId = accountId, Slot = slot }, cancellationToken: ct)).ConfigureAwait(false);
        return row is null ? null : new MenuDraft(row.Slot, MenuJson.ReadMenu(row.MenuJson), MenuJson.ReadRule(row.MatchRuleJson), row.UpdatedBy, row.UpdatedAt);
    }

    private const string ListSql = "SELECT slot, menu_json, match_rule_json, updated_by, updated_at FROM menu_drafts WHERE account_id = @AccountId ORDER BY slot";

    /// <summary>Every draft, by slot name; the admin lists the conditional menus being worked on.</summary>
    public async Task<IReadOnlyList<MenuDraft>> ListAsync(int accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(row => new MenuDraft(row.Slot, MenuJson.ReadMenu(row.MenuJson), MenuJson.ReadRule(row.MatchRuleJson), row.UpdatedBy, row.UpdatedAt)).ToList();
    }

    public async Task DeleteAsync(int accountId, string slot, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM menu_drafts WHERE account_id = @AccountId AND slot = @Slot", new { AccountId = accountId, Slot = slot }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private sealed record Row
    {
        public string Slot { get; init; } = "";
        public string MenuJson { get; init; } = "";
        public string? MatchRuleJson { get; init; }
        public string UpdatedBy { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
    }
}

/// <summary>A menu in the making.</summary>
public sealed record MenuDraft(string Slot, Menu Menu, MatchRule? Rule, string UpdatedBy, DateTimeOffset UpdatedAt);
