using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Outbox;

/// <summary>Long work renews its lease, and learns when another instance took the row after it lapsed.</summary>
public abstract class OutboxLeaseTests(TestDatabase database)
{
    private static readonly string[] Kinds = ["lease_test"];

    private readonly OutboxStore _outbox = new(database.Factory, TimeProvider.System);

    [Fact]
    public async Task A_lease_is_renewed_by_its_holder_and_lost_once_another_instance_takes_the_row()
    {
        var key = $"lease-test:{Guid.NewGuid():N}";
        await _outbox.EnqueueAsync("lease_test", key, null, OutboxStatus.Ready, "{}");
        // Another lane, or an instance that does not know the kind, leaves the row alone.
        Assert.DoesNotContain(await _outbox.LeaseAsync(OutboxStatus.Ready, ["other_kind"], "instance-c", TimeSpan.FromMinutes(1), 100), r => r.IdempotencyKey == key);

        var mine = Assert.Single(await _outbox.LeaseAsync(OutboxStatus.Ready, Kinds, "instance-a", TimeSpan.FromMinutes(1), 100), r => r.IdempotencyKey == key);
        Assert.True(await _outbox.ExtendLeaseAsync(mine, TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(await _outbox.LeaseAsync(OutboxStatus.Ready, Kinds, "instance-b", TimeSpan.FromMinutes(1), 100), r => r.IdempotencyKey == key);

        // The holder stalls: its lease lapses (renewed into the past here) and the other instance takes the row.
        Assert.True(await _outbox.ExtendLeaseAsync(mine, TimeSpan.FromSeconds(-1)));
        var theirs = Assert.Single(await _outbox.LeaseAsync(OutboxStatus.Ready, Kinds, "instance-b", TimeSpan.FromMinutes(1), 100), r => r.IdempotencyKey == key);

        Assert.False(await _outbox.ExtendLeaseAsync(mine, TimeSpan.FromMinutes(1)));
        Assert.True(await _outbox.ExtendLeaseAsync(theirs, TimeSpan.FromMinutes(1)));
        Assert.True(await _outbox.MarkSentAsync(theirs));
        Assert.False(await _outbox.ExtendLeaseAsync(theirs, TimeSpan.FromMinutes(1)));
    }
}

public sealed class SqliteOutboxLeaseTests(SqliteTestDatabase database) : OutboxLeaseTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresOutboxLeaseTests(PostgresTestDatabase database) : OutboxLeaseTests(database), IClassFixture<PostgresTestDatabase>;
