using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Settings;

/// <summary>
/// Small run-time settings an operator changes from the admin pages (not secrets: those live in the environment),
/// each under an account: the membership levels and check-in rules are each Official Account's own. Portal-wide
/// settings (the follower-index watermark) live under <see cref="PortalWide"/>, which is no account's id.
/// </summary>
public sealed class SettingsStore(DbConnectionFactory db, TimeProvider time)
{
    /// <summary>The account id of settings that belong to no account.</summary>
    public const int PortalWide = 0;

    private const string GetSql = "SELECT value FROM settings WHERE account_id = @AccountId AND key = @Key";

    public async Task<string?> GetAsync(int accountId, string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(GetSql, new { AccountId = accountId, Key = key }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string SetSql = """
        INSERT INTO settings (account_id, key, value, updated_at) VALUES (@AccountId, @Key, @Value, @At)
        ON CONFLICT (account_id, key) DO UPDATE SET value = @Value, updated_at = @At
        """;

    public async Task SetAsync(int accountId, string key, string value, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(SetSql, new { AccountId = accountId, Key = key, Value = value, At = time.GetUtcNow() }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string DeleteSql = "DELETE FROM settings WHERE account_id = @AccountId AND key = @Key";

    public async Task<bool> DeleteAsync(int accountId, string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { AccountId = accountId, Key = key }, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }
}
