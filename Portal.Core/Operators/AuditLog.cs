using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Operators;

/// <summary>
/// The audit trail: every change an operator makes goes through <see cref="RecordAsync"/>, with the
/// entity before and after as JSON, so "who changed this and what was it before" always has an answer.
/// </summary>
public sealed class AuditLog(DbConnectionFactory db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // The trail is read by people: keep Chinese text readable rather than \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string InsertSql = """
        INSERT INTO audit_log (operator_id, operator_name, account_id, entity_type, entity_id, action, before_json, after_json, created_at)
        VALUES (@OperatorId, @OperatorName, @AccountId, @EntityType, @EntityId, @Action, @BeforeJson, @AfterJson, @At)
        """;

    /// <summary>Records one change. <paramref name="before"/> and <paramref name="after"/> are serialised as JSON; pass null for none.</summary>
    public async Task RecordAsync(AuditActor actor, string entityType, string? entityId, string action, object? before, object? after, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await WriteAsync(connection, null, actor, entityType, entityId, action, before, after, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Records one change inside the transaction that makes it, so the change and its entry are committed
    /// together: a change the trail does not show cannot happen.
    /// </summary>
    public Task RecordAsync(DbTransaction transaction, AuditActor actor, string entityType, string? entityId, string action, object? before, object? after, CancellationToken ct = default) =>
        WriteAsync(transaction.Connection!, transaction, actor, entityType, entityId, action, before, after, ct);

    private async Task WriteAsync(DbConnection connection, DbTransaction? transaction, AuditActor actor, string entityType, string? entityId, string action, object? before, object? after, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            actor.OperatorId,
            OperatorName = actor.Name,
            actor.AccountId,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            BeforeJson = ToJson(before),
            AfterJson = ToJson(after),
            At = time.GetUtcNow(),
        }, transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);

    /// <summary>A page of entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken ct = default)
    {
        var sql = new StringBuilder("""
            SELECT id, operator_id, operator_name, account_id, entity_type, entity_id, action, before_json, after_json, created_at
            FROM audit_log WHERE 1 = 1
            """);
        // An account's trail: its own changes and the changes that belong to no account (operators).
        if (query.AccountId is not null)
            sql.Append(" AND (account_id = @AccountId OR account_id IS NULL)");
        if (query.OperatorId is not null)
            sql.Append(" AND operator_id = @OperatorId");
        if (!string.IsNullOrEmpty(query.EntityType))
            sql.Append(" AND entity_type = @EntityType");
        if (query.From is not null)
            sql.Append(" AND created_at >= @From");
        if (query.To is not null)
            sql.Append(" AND created_at < @To");
        if (query.Before is not null)
            sql.Append(" AND id < @Before");
        sql.Append(" ORDER BY id DESC LIMIT @Limit");

        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(sql.ToString(), new
        {
            query.OperatorId,
            query.AccountId,
            query.EntityType,
            query.From,
            query.To,
            query.Before,
            Limit = Math.Clamp(query.Limit, 1, 500),
        }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToList();
    }

    private const string EntityTypesSql = "SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type";

    /// <summary>The kinds of entity the trail mentions, for the filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(EntityTypesSql, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }
}
