using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Settings;

/// <summary>Small run-time settings an operator changes from the admin pages (not secrets: those live in the environment).</summary>
public sealed class SettingsStore(DbConnectionFactory db, TimeProvider time)
{
    private const string GetSql = "SELECT value FROM settings WHERE key = @Key";

    public async Task<string?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(GetSql, new { Key = key }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string SetSql = """
        INSERT INTO settings (key, value, updated_at) VALUES (@Key, @Value, @At)
        ON CONFLICT (key) DO UPDATE SET value = @Value, updated_at = @At
        """;

    public async Task SetAsync(string key, string value, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(SetSql, new { Key = key, Value = value, At = time.GetUtcNow() }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string DeleteSql = "DELETE FROM settings WHERE key = @Key";

    public async Task<bool> DeleteAsync(string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Key = key }, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }
}
