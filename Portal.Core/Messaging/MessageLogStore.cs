using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Portal.Core.Data;

namespace Portal.Core.Messaging;

/// <summary>The message log: every message and event in, with its reply, and every message out.</summary>
public sealed class MessageLogStore(DbConnectionFactory db)
{
    // A message already logged (unique key, migration 0024) is not logged again: only a retry that ran while the
    // shared store had forgotten the message can get here, and the first handling is the one that counts.
    private const string InsertSql = """
        INSERT INTO message_log (direction, openid, msg_type, event, event_key, msg_id, dedup_key, content, reply_type, reply_kind, reply_body, created_at, account_id)
        VALUES (@Direction, @OpenId, @MsgType, @Event, @EventKey, @MsgId, @DedupKey, @Content, @ReplyType, @ReplyKind, @ReplyBody, @CreatedAt, @AccountId)
        ON CONFLICT (dedup_key) WHERE direction = 'in' AND dedup_key IS NOT NULL DO NOTHING
        """;

    /// <summary>
    /// A writer of log rows for one long-lived connection (the journal's). This is the webhook's hottest
    /// write, so it skips Dapper's per-call mapping: on SQLite one statement is prepared once and re-run
    /// with new values; on PostgreSQL all rows of a commit go in one batch and one round trip.
    /// </summary>
    public Inserter CreateInserter(DbConnection connection) => new(connection, db.Provider);

    public sealed class Inserter : IAsyncDisposable
    {
        private static readonly string[] Names = ["Direction", "OpenId", "MsgType", "Event", "EventKey", "MsgId", "DedupKey", "Content", "ReplyType", "ReplyKind", "ReplyBody", "CreatedAt", "AccountId"];
        private readonly DbConnection _connection;
        private readonly DatabaseProvider _provider;
        private readonly SqliteStatement? _sqlite;
        private readonly object[] _values = new object[Names.Length];

        internal Inserter(DbConnection connection, DatabaseProvider provider)
        {
            _connection = connection;
            _provider = provider;
            if (connection is SqliteConnection sqlite)
                _sqlite = new SqliteStatement(sqlite, PositionalInsertSql);
        }

        public async Task InsertAsync(DbTransaction transaction, IReadOnlyList<MessageLogEntry> entries)
        {
            if (_sqlite is null)
            {
                await using var batch = _connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var entry in entries)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = InsertSql;
                    Fill(entry);
                    for (var i = 0; i < Names.Length; i++)
                        command.Parameters.Add(Parameter(command.CreateParameter(), Names[i], _values[i]));
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }

            // The statement runs on the connection inside its open transaction.
            foreach (var entry in entries)
            {
                Fill(entry);
                _sqlite.Run(_values);
            }
            await Task.CompletedTask.ConfigureAwait(false);
        }

        private void Fill(MessageLogEntry e)
        {
            _values[0] = e.Direction;
            _values[1] = e.OpenId;
            _values[2] = e.MsgType;
            _values[3] = (object?)e.Event ?? DBNull.Value;
            _values[4] = (object?)e.EventKey ?? DBNull.Value;
            _values[5] = (object?)e.MsgId ?? DBNull.Value;
            _values[6] = (object?)e.DedupKey ?? DBNull.Value;
            _values[7] = (object?)e.Content ?? DBNull.Value;
            _values[8] = (object?)e.ReplyType ?? DBNull.Value;
            _values[9] = (object?)e.ReplyKind ?? DBNull.Value;
            _values[10] = (object?)e.ReplyBody ?? DBNull.Value;
            // The same stored form DapperSetup gives timestamps everywhere else.
            _values[11] = DapperSetup.TimestampValue(e.CreatedAt, _provider);
            _values[12] = e.AccountId;
        }

        private static DbParameter Parameter(DbParameter parameter, string name, object value)
        {
            parameter.ParameterName = name;
            parameter.Value = value;
            return parameter;
        }

        public ValueTask DisposeAsync()
        {
            _sqlite?.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    public async Task InsertAsync(MessageLogEntry entry, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, entry, cancellationToken: ct)).ConfigureAwait(false);
    }

    // Only deferred rows are looked for, through their own small partial index (migration 0014).
    private const string MarkAnsweredLateSql = """
        UPDATE message_log SET reply_kind = 'answer'
        WHERE reply_type = 'deferred' AND dedup_key = @Key AND direction = 'in'
        """;

    /// <summary>A deferred message's late reply answered it (queued through the outbox): the inbox stops listing it.</summary>
    public async Task<int> MarkAnsweredLateAsync(string messageKey, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(MarkAnsweredLateSql, new { Key = messageKey }, cancellationToken: ct)).ConfigureAwait(false);
    }

    // The same insert with positional parameters, for the prepared SQLite statement.
    private const string PositionalInsertSql = """
        INSERT INTO message_log (direction, openid, msg_type, event, event_key, msg_id, dedup_key, content, reply_type, reply_kind, reply_body, created_at, account_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT (dedup_key) WHERE direction = 'in' AND dedup_key IS NOT NULL DO NOTHING
        """;

    private const string ForFollowerSql = """
        SELECT id, account_id, direction, openid AS OpenId, msg_type, event, event_key, msg_id, dedup_key, content, reply_type, reply_kind, reply_body, created_at
        FROM message_log WHERE openid = @OpenId ORDER BY id DESC LIMIT @Limit
        """;

    // SQLite keeps the follower index in its own table, filled in the background (FollowerHistoryIndexer):
    // the indexed part comes from there, the rows past the watermark from a short scan of the log's tail.
    private const string ForFollowerSqliteSql = """
        SELECT id, account_id, direction, openid AS OpenId, msg_type, event, event_key, msg_id, dedup_key, content, reply_type, reply_kind, reply_body, created_at
        FROM message_log
        WHERE id IN (SELECT id FROM message_log_by_follower WHERE openid = @OpenId ORDER BY id DESC LIMIT @Limit)
           OR (id > (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'message_log.follower_index_through') AND openid = @OpenId)
        ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>A follower's conversation, newest first.</summary>
    public async Task<IReadOnlyList<MessageLogEntry>> ForFollowerAsync(string openId, int limit = 50, CancellationToken ct = default)
    {
        var sql = db.Provider == DatabaseProvider.Sqlite ? ForFollowerSqliteSql : ForFollowerSql;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MessageLogEntry>(new CommandDefinition(sql, new { OpenId = openId, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }
}
