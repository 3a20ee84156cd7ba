using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Accounts;

/// <summary>
/// Portal's stable numbers for accounts, in <c>wechat_accounts</c>. Rows carry an account's id rather than its
/// AppId, so the number must outlive reordering the configuration and restarts: the default account is always
/// 1 (its row follows <c>WeChat:AppId</c>, since data from before accounts existed is its data); any other
/// account gets the next number the first time its AppId is seen, and keeps it.
/// Several instances may start together: each insert yields to a row another instance wrote first, then reads.
/// </summary>
public sealed class WeChatAccountStore(DbConnectionFactory db, TimeProvider time)
{
    // On PostgreSQL the identity starts at 2 (migration 0032), so it never hands out the default's 1.
    private const string ClaimDefaultSql = """
        INSERT INTO wechat_accounts (id, app_id, name, created_at) VALUES (1, @AppId, @Name, @At)
        ON CONFLICT (id) DO UPDATE SET app_id = excluded.app_id, name = excluded.name
        """;

    // Only a row to add asks for a number: PostgreSQL's identity would otherwise use one up on every start.
    private const string AddSql = """
        INSERT INTO wechat_accounts (app_id, name, created_at)
        SELECT @AppId, @Name, @At WHERE NOT EXISTS (SELECT 1 FROM wechat_accounts WHERE app_id = @AppId)
        ON CONFLICT (app_id) DO NOTHING
        """;

    private const string RenameSql = "UPDATE wechat_accounts SET name = @Name WHERE app_id = @AppId AND name <> @Name";

    private const string IdSql = "SELECT id FROM wechat_accounts WHERE app_id = @AppId";

    /// <summary>
    /// The id of each configured account, by AppId, the default (first) one 1; records names as configured.
    /// Refuses to make another account's AppId the default: that would hand it the default account's data.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> RegisterAsync(string defaultAppId, string defaultName, IReadOnlyList<(string AppId, string Name)> others, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var now = time.GetUtcNow();

        var existing = await IdOfAsync(connection, defaultAppId, ct).ConfigureAwait(false);
        if (existing is { } id && id != WeChatAccount.DefaultId)
            throw new OptionsValidationException(Platform.WeChatOptions.SectionName, typeof(Platform.WeChatOptions), [
                $"WeChat:AppId {defaultAppId} is account {id}, not the default account {WeChatAccount.DefaultId}: the default account's data would become its data. " +
                "Configure the default account's AppId under WeChat:AppId again, and this one under WeChat:Accounts."]);
        await connection.ExecuteAsync(new CommandDefinition(ClaimDefaultSql, new { AppId = defaultAppId, Name = defaultName, At = now }, cancellationToken: ct)).ConfigureAwait(false);
        ids[defaultAppId] = WeChatAccount.DefaultId;

        foreach (var (appId, name) in others)
        {
            var args = new { AppId = appId, Name = name, At = now };
            await connection.ExecuteAsync(new CommandDefinition(AddSql, args, cancellationToken: ct)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(RenameSql, args, cancellationToken: ct)).ConfigureAwait(false);
            ids[appId] = await IdOfAsync(connection, appId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Account {appId} was not recorded in wechat_accounts.");
        }
        return ids;
    }

    private static Task<int?> IdOfAsync(DbConnection connection, string appId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(IdSql, new { AppId = appId }, cancellationToken: ct));
}
