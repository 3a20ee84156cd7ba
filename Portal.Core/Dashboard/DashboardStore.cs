using Dapper;
using Portal.Core.Data;
using Portal.Core.Outbox;

namespace Portal.Core.Dashboard;

/// <summary>
/// The dashboard's figures, read from what the message server already records. New and lost followers per
/// day come from the subscribe and unsubscribe events in the message log, which keeps every one of them
/// (the followers table keeps only each follower's latest follow and unfollow); the total now comes from
/// the followers table. Days are UTC. Every figure is one account's.
/// </summary>
public sealed class DashboardStore(DbConnectionFactory db, TimeProvider time)
{
    public const int MaxDays = 90;

    // The one place the two databases differ: how a timestamp becomes its UTC day.
    private string Day(string column) => db.Provider == DatabaseProvider.Sqlite
        ? $"substr({column}, 1, 10)"
        : $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

    private string EventsPerDaySql => $"""
        SELECT {Day("created_at")} AS day, COUNT(DISTINCT openid) AS count
        FROM message_log
        WHERE account_id = @AccountId AND direction = 'in' AND msg_type = 'event' AND event = @Event AND created_at >= @Since
        GROUP BY {Day("created_at")}
        """;

    private string MessagesPerDaySql => $"""
        SELECT {Day("created_at")} AS day, COUNT(*) AS count
        FROM message_log
        WHERE account_id = @AccountId AND direction = 'in' AND msg_type <> 'event' AND created_at >= @Since
        GROUP BY {Day("created_at")}
        """;

    private const string FollowersNowSql = "SELECT COUNT(*) FROM followers WHERE account_id = @AccountId AND subscribed = @Yes";

    private const string OutboxSql = """
        SELECT
            COALESCE(SUM(CASE WHEN status IN (@Ready, @Sending, @Awaiting) THEN 1 ELSE 0 END), 0) AS waiting,
            COALESCE(SUM(CASE WHEN status = @Failed AND dismissed_at IS NULL THEN 1 ELSE 0 END), 0) AS failed
        FROM outbox WHERE account_id = @AccountId
        """;

    private const string OldestWaitingSql = """
        SELECT MIN(created_at) FROM outbox WHERE account_id = @AccountId AND status IN (@Ready, @Sending, @Awaiting)
        """;

    public async Task<DashboardFigures> ReadAsync(int accountId, int days, CancellationToken ct = default)
    {
        days = Math.Clamp(days, 1, MaxDays);
        var today = time.GetUtcNow().UtcDateTime.Date;
        var first = today.AddDays(-(days - 1));
        var since = new DateTimeOffset(first, TimeSpan.Zero);
        var dayNames = Enumerable.Range(0, days).Select(i => first.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        async Task<IReadOnlyList<long>> Series(string sql, object parameters)
        {
            var rows = await connection.QueryAsync<DailyCount>(new CommandDefinition(sql, parameters, cancellationToken: ct)).ConfigureAwait(false);
            var byDay = rows.ToDictionary(r => r.Day, r => r.Count, StringComparer.Ordinal);
            return dayNames.Select(d => byDay.GetValueOrDefault(d)).ToList();
        }

        var newFollowers = await Series(EventsPerDaySql, new { AccountId = accountId, Event = "subscribe", Since = since }).ConfigureAwait(false);
        var lostFollowers = await Series(EventsPerDaySql, new { AccountId = accountId, Event = "unsubscribe", Since = since }).ConfigureAwait(false);
        var messages = await Series(MessagesPerDaySql, new { AccountId = accountId, Since = since }).ConfigureAwait(false);
        var followersNow = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FollowersNowSql, new { AccountId = accountId, Yes = true }, cancellationToken: ct)).ConfigureAwait(false);
        var statuses = new { AccountId = accountId, Ready = OutboxStatus.Ready, Sending = OutboxStatus.Sending, Awaiting = OutboxStatus.AwaitingHandler, Failed = OutboxStatus.Failed };
        var outbox = await connection.QuerySingleAsync<OutboxCounts>(new CommandDefinition(OutboxSql, statuses, cancellationToken: ct)).ConfigureAwait(false);
        var oldest = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(OldestWaitingSql, statuses, cancellationToken: ct)).ConfigureAwait(false);

        return new DashboardFigures
        {
            Days = dayNames,
            FollowersNow = followersNow,
            NewFollowers = newFollowers,
            LostFollowers = lostFollowers,
            MessagesIn = messages,
            OutboxWaiting = outbox.Waiting,
            OutboxFailed = outbox.Failed,
            OldestWaitingSince = oldest,
        };
    }

    private sealed record OutboxCounts
    {
        public long Waiting { get; init; }
        public long Failed { get; init; }
    }
}
