using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operators;

public abstract class AuditLogTests(TestDatabase database)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Entries_are_filtered_by_operator_entity_and_dates_and_paged_by_key_newest_first()
    {
        var log = new AuditLog(database.Factory, _clock);
        var entity = "thing_" + Guid.NewGuid().ToString("N")[..8];
        var alice = new AuditActor(9001, "alice");
        var bob = new AuditActor(9002, "bob");
        for (var day = 0; day < 5; day++)
        {
            await log.RecordAsync(day % 2 == 0 ? alice : bob, entity, day.ToString(), "update", new { Value = day }, new { Value = day + 1, Text = "你好" });
            _clock.Advance(TimeSpan.FromDays(1));
        }

        var all = await log.ListAsync(new AuditQuery { EntityType = entity });
        Assert.Equal(["4", "3", "2", "1", "0"], all.Select(e => e.EntityId));
        Assert.Equal(3, (await log.ListAsync(new AuditQuery { EntityType = entity, OperatorId = 9001 })).Count);
        var between = await log.ListAsync(new AuditQuery
        {
            EntityType = entity,
            From = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.Equal(["2", "1"], between.Select(e => e.EntityId));

        var first = await log.ListAsync(new AuditQuery { EntityType = entity, Limit = 2 });
        var second = await log.ListAsync(new AuditQuery { EntityType = entity, Limit = 2, Before = first[^1].Id });
        Assert.Equal(["4", "3", "2", "1"], first.Concat(second).Select(e => e.EntityId));

        var entry = all[0];
        Assert.Equal("alice", entry.OperatorName);
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero), entry.CreatedAt);
        Assert.Contains("你好", entry.AfterJson);
        Assert.Equal(4, JsonDocument.Parse(entry.BeforeJson!).RootElement.GetProperty("value").GetInt32());
        Assert.Contains(entity, await log.EntityTypesAsync());
    }
}

public sealed class SqliteAuditLogTests(SqliteTestDatabase database) : AuditLogTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresAuditLogTests(PostgresTestDatabase database) : AuditLogTests(database), IClassFixture<PostgresTestDatabase>;
