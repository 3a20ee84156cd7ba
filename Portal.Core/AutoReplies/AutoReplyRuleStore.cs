using System.Data.Common;
using Dapper;
using Portal.Core.Data;
using Portal.Core.Messaging;

namespace Portal.Core.AutoReplies;

/// <summary>The auto-reply rules table. Replies are kept in their stored JSON form (<see cref="ReplyJson"/>).</summary>
public sealed class AutoReplyRuleStore(DbConnectionFactory db, TimeProvider time)
{
    private const string ListSql = """
        SELECT id, name, trigger, pattern, priority, enabled, reply_json, created_at, updated_at
        FROM auto_reply_rules WHERE account_id = @AccountId ORDER BY priority DESC, id
        """;

    public async Task<IReadOnlyList<AutoReplyRule>> ListAsync(int accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToRule()).ToList();
    }

    private const string GetSql = """
        SELECT id, name, trigger, pattern, priority, enabled, reply_json, created_at, updated_at
        FROM auto_reply_rules WHERE account_id = @AccountId AND id = @Id
        """;

    public async Task<AutoReplyRule?> GetAsync(int accountId, long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetSql, new { AccountId = accountId, Id = id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToRule();
    }

    private const string InsertSql = """
        INSERT INTO auto_reply_rules (account_id, name, trigger, pattern, priority, enabled, reply_json, created_at, updated_at)
        VALUES (@AccountId, @Name, @Trigger, @Pattern, @Priority, @Enabled, @ReplyJson, @At, @At)
        RETURNING id
        """;

    public async Task<AutoReplyRule> AddAsync(int accountId, AutoReplyRule rule, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, Parameters(accountId, rule, at), cancellationToken: ct)).ConfigureAwait(false);
        return rule with { Id = id, CreatedAt = at, UpdatedAt = at };
    }

    private const string UpdateSql = """
        UPDATE auto_reply_rules SET name = @Name, trigger = @Trigger, pattern = @Pattern, priority = @Priority,
            enabled = @Enabled, reply_json = @ReplyJson, updated_at = @At
        WHERE account_id = @AccountId AND id = @Id
        """;

    public async Task<bool> UpdateAsync(int accountId, AutoReplyRule rule, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(UpdateSql, Parameters(accountId, rule, time.GetUtcNow()), cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string DeleteSql = "DELETE FROM auto_reply_rules WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> DeleteAsync(int accountId, long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { AccountId = accountId, Id = id }, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string SetPrioritySql = "UPDATE auto_reply_rules SET priority = @Priority, updated_at = @At WHERE account_id = @AccountId AND id = @Id";

    // The admin's versions of the statements above, run inside the caller's transaction so that a change
    // and its audit entry are committed together or not at all.

    public async Task<IReadOnlyList<AutoReplyRule>> ListAsync(DbTransaction transaction, int accountId, CancellationToken ct = default)
    {
        var rows = await transaction.Connection!.QueryAsync<Row>(new CommandDefinition(ListSql, new { AccountId = accountId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToRule()).ToList();
    }

    public async Task<AutoReplyRule?> GetAsync(DbTransaction transaction, int accountId, long id, CancellationToken ct = default)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetSql, new { AccountId = accountId, Id = id }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToRule();
    }

    public async Task<AutoReplyRule> AddAsync(DbTransaction transaction, int accountId, AutoReplyRule rule, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        var id = await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, Parameters(accountId, rule, at), transaction, cancellationToken: ct)).ConfigureAwait(false);
        return rule with { Id = id, CreatedAt = at, UpdatedAt = at };
    }

    public async Task<bool> UpdateAsync(DbTransaction transaction, int accountId, AutoReplyRule rule, CancellationToken ct = default) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(UpdateSql, Parameters(accountId, rule, time.GetUtcNow()), transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;

    public async Task<bool> DeleteAsync(DbTransaction transaction, int accountId, long id, CancellationToken ct = default) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(DeleteSql, new { AccountId = accountId, Id = id }, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;

    /// <summary>Sets several rules' priorities (a reorder).</summary>
    public async Task SetPrioritiesAsync(DbTransaction transaction, int accountId, IReadOnlyCollection<(long Id, int Priority)> priorities, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        foreach (var (id, priority) in priorities)
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(SetPrioritySql, new { AccountId = accountId, Id = id, Priority = priority, At = at }, transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static object Parameters(int accountId, AutoReplyRule rule, DateTimeOffset at) => new
    {
        AccountId = accountId,
        rule.Id,
        rule.Name,
        Trigger = TriggerName(rule.Trigger),
        rule.Pattern,
        rule.Priority,
        rule.Enabled,
        ReplyJson = ReplyJson.Serialize(rule.Reply),
        At = at,
    };

    private static string TriggerName(RuleTrigger trigger) => trigger.ToString().ToLowerInvariant();

    private sealed record Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Trigger { get; init; } = "";
        public string? Pattern { get; init; }
        public int Priority { get; init; }
        public bool Enabled { get; init; }
        public string ReplyJson { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public AutoReplyRule ToRule() => new()
        {
            Id = Id,
            Name = Name,
            Trigger = Enum.Parse<RuleTrigger>(Trigger, ignoreCase: true),
            Pattern = Pattern,
            Priority = Priority,
            Enabled = Enabled,
            Reply = Messaging.ReplyJson.Deserialize(ReplyJson),
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}
