using Dapper;
using Portal.Core.Data;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>
/// The database's memory of handled messages, behind the shared store's. The store (Redis) answers retries
/// quickly but can forget: a restart empties it, an outage hides it, and a claim taken over from a dead
/// instance says nothing of how far that instance got. Then this is asked: a message in the log (unique key)
/// was answered, with the reply logged beside it; one in the outbox was answered <c>success</c> and its reply
/// goes out from there.
/// </summary>
public sealed class MessageBackstop(DbConnectionFactory db)
{
    private const string FindSql = """
        SELECT reply_type, reply_body, created_at FROM message_log WHERE dedup_key = @Key AND direction = 'in';
        SELECT status FROM outbox WHERE idempotency_key = @Key;
        """;

    /// <summary>What WeChat was answered for <paramref name="messageKey"/>, or null if the database has no record of it.</summary>
    public async Task<StoredAnswer?> FindAsync(string messageKey, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(FindSql, new { Key = messageKey }, cancellationToken: ct)).ConfigureAwait(false);
        var logged = await results.ReadFirstOrDefaultAsync<MessageLogEntry>().ConfigureAwait(false);
        var outbox = await results.ReadFirstOrDefaultAsync<string>().ConfigureAwait(false);
        if (logged is not null)
        {
            // A deferred message was answered "success"; so was one with no reply or a failed handler.
            var reply = logged.ReplyType is null or "deferred" || logged.ReplyBody is null ? null : ReplyJson.Deserialize(logged.ReplyBody);
            return new StoredAnswer(reply, logged.CreatedAt);
        }
        // Deferred, but the instance died before its log row was committed: the outbox row is the promise.
        return outbox is null ? null : new StoredAnswer(null, null);
    }
}

/// <summary>A message's recorded answer: a passive reply written at <paramref name="At"/>, or none (<c>success</c>).</summary>
public sealed record StoredAnswer(Reply? Reply, DateTimeOffset? At);
