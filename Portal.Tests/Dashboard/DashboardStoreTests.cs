using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Dashboard;
using Portal.Core.Followers;
using Portal.Core.Outbox;
using Portal.Tests.Followers;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

public abstract class DashboardStoreTests(TestDatabase database)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private async Task LogAsync(string openId, string msgType, string? @event, DateTimeOffset at)
    {
        await using var connection = await database.Factory.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO message_log (direction, openid, msg_type, event, created_at) VALUES ('in', @OpenId, @MsgType, @Event, @At)",
            new { OpenId = openId, MsgType = msgType, Event = @event, At = at });
    }

    [Fact]
    public async Task Followers_messages_and_the_outbox_are_counted_per_utc_day()
    {
        var today = _clock.GetUtcNow();
        var yesterday = today.AddDays(-1);
        await LogAsync("a", "event", "subscribe", yesterday);
        await LogAsync("b", "event", "subscribe", yesterday.AddHours(1));
        await LogAsync("b", "event", "subscribe", yesterday.AddHours(2));   // a retry of the same follower counts once
        await LogAsync("a", "event", "unsubscribe", today);
        await LogAsync("a", "text", null, yesterday);
        await LogAsync("b", "text", null, today);
        await LogAsync("b", "image", null, today);
        await LogAsync("c", "text", null, today.AddDays(-40));               // outside the window
        var followers = new FollowerStore(database.Factory);
        await followers.SubscribeAsync(TestAccounts.DefaultId, "b", null, yesterday);

        await using (var connection = await database.Factory.OpenAsync())
        {
            foreach (var status in new[] { OutboxStatus.Ready, OutboxStatus.Ready, OutboxStatus.Failed, OutboxStatus.Sent })
            {
                await connection.ExecuteAsync("""
                    INSERT INTO outbox (kind, idempotency_key, status, payload, next_attempt_at, created_at, updated_at)
                    VALUES ('test', @Key, @Status, '{}', @At, @At, @At)
                    """, new { Key = Guid.NewGuid().ToString("N"), Status = status, At = yesterday });
            }
        }

        var figures = await new DashboardStore(database.Factory, _clock).ReadAsync(TestAccounts.DefaultId, 7);

        Assert.Equal(7, figures.Days.Count);
        Assert.Equal(["2026-11-23", "2026-11-24"], figures.Days.TakeLast(2));
        Assert.Equal([0, 0, 0, 0, 0, 2, 0], figures.NewFollowers);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], figures.LostFollowers);
        Assert.Equal([0, 0, 0, 0, 0, 1, 2], figures.MessagesIn);
        Assert.Equal(1, figures.FollowersNow);
        Assert.Equal(2, figures.OutboxWaiting);
        Assert.Equal(1, figures.OutboxFailed);
        Assert.Equal(yesterday, figures.OldestWaitingSince);
    }
}

public sealed class SqliteDashboardStoreTests(SqliteTestDatabase database) : DashboardStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresDashboardStoreTests(PostgresTestDatabase database) : DashboardStoreTests(database), IClassFixture<PostgresTestDatabase>;
