using Dapper;
using System.Data.Common;

namespace Portal.Core.Messaging;

/// <summary>
/// On SQLite, builds the per-follower index of the message log (see migration 0003) a little at a time:
/// a pass takes the log rows past the watermark, inserts them into <c>message_log_by_follower</c> sorted
/// by follower, and moves the watermark, all in one transaction. The message journal runs passes on its
/// own connection whenever no webhook request is waiting, so index upkeep never delays a reply; during a
/// burst the index falls behind and catches up after it (reads cover the gap by scanning the log's tail).
/// </summary>
public static class FollowerHistoryIndexer
{
    /// <summary>A Portal-wide setting (account 0, see <see cref="Settings.SettingsStore"/>): the log is one table for every account.</summary>
    public const string WatermarkKey = "message_log.follower_index_through";

    private const string WatermarkSql = "SELECT CAST(value AS INTEGER) FROM settings WHERE account_id = 0 AND key = @Key";

    private const string UpperSql = """
        SELECT COALESCE(MAX(id), @Through) FROM (SELECT id FROM message_log WHERE id > @Through ORDER BY id LIMIT @Limit)
        """;

    private const string PassSql = """
        INSERT OR IGNORE INTO message_log_by_follower (openid, id)
        SELECT openid, id FROM message_log WHERE id > @Through AND id <= @Upper ORDER BY openid, id;
        UPDATE settings SET value = CAST(@Upper AS TEXT) WHERE account_id = 0 AND key = @Key;
        """;

    /// <summary>Indexes up to <paramref name="maxRows"/> rows in the caller's transaction; returns how many.</summary>
    public static async Task<int> IndexPassAsync(DbConnection connection, DbTransaction transaction, int maxRows)
    {
        var through = await connection.ExecuteScalarAsync<long>(WatermarkSql, new { Key = WatermarkKey }, transaction).ConfigureAwait(false);
        var upper = await connection.ExecuteScalarAsync<long>(UpperSql, new { Through = through, Limit = maxRows }, transaction).ConfigureAwait(false);
        if (upper == through)
            return 0;
        await connection.ExecuteAsync(PassSql, new { Through = through, Upper = upper, Key = WatermarkKey }, transaction).ConfigureAwait(false);
        return (int)(upper - through);
    }
}
