using Microsoft.Extensions.Time.Testing;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operators;

/// <summary>The operator rules that must hold under concurrency, on both databases.</summary>
public abstract class OperatorStoreTests(TestDatabase database)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    private OperatorStore Store => new(database.Factory, _clock);

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task Names_are_unique_whatever_their_case()
    {
        var name = Name("Amy");
        var added = await Store.AddAsync(name, OperatorRole.Editor, "hash");
        Assert.NotNull(added);
        Assert.Equal(name.ToLowerInvariant(), added.Name);
        Assert.Null(await Store.AddAsync(name.ToUpperInvariant(), OperatorRole.Viewer, "hash"));
        Assert.Equal(added.Id, (await Store.GetByNameAsync(" " + name.ToUpperInvariant() + " "))!.Id);
    }

    [Fact]
    public async Task The_last_enabled_owner_can_be_neither_demoted_nor_disabled()
    {
        // Each test class has its own database; this test makes the only owners in it.
        var first = (await Store.AddAsync(Name("own1"), OperatorRole.Owner, "hash"))!;
        var second = (await Store.AddAsync(Name("own2"), OperatorRole.Owner, "hash"))!;

        Assert.True(await Store.SetDisabledAsync(second.Id, true));
        Assert.False(await Store.SetRoleAsync(first.Id, OperatorRole.Editor));
        Assert.False(await Store.SetDisabledAsync(first.Id, true));

        Assert.True(await Store.SetDisabledAsync(second.Id, false));
        Assert.True(await Store.SetRoleAsync(first.Id, OperatorRole.Editor));
        Assert.Equal(OperatorRole.Editor, (await Store.GetAsync(first.Id))!.Role);
        Assert.False(await Store.SetRoleAsync(second.Id, OperatorRole.Viewer));
    }

    [Fact]
    public async Task Every_change_of_password_role_or_status_changes_the_security_stamp()
    {
        var op = (await Store.AddAsync(Name("stamp"), OperatorRole.Viewer, "hash"))!;
        var stamps = new List<string> { op.SecurityStamp };
        await Store.SetPasswordAsync(op.Id, "hash2");
        stamps.Add((await Store.GetAsync(op.Id))!.SecurityStamp);
        await Store.SetRoleAsync(op.Id, OperatorRole.Editor);
        stamps.Add((await Store.GetAsync(op.Id))!.SecurityStamp);
        await Store.SetDisabledAsync(op.Id, true);
        stamps.Add((await Store.GetAsync(op.Id))!.SecurityStamp);
        Assert.Equal(4, stamps.Distinct().Count());
    }
}

public sealed class SqliteOperatorStoreTests(SqliteTestDatabase database) : OperatorStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresOperatorStoreTests(PostgresTestDatabase database) : OperatorStoreTests(database), IClassFixture<PostgresTestDatabase>;

/// <summary>Only one first owner, however many submit at once; each test owns a fresh database.</summary>
public abstract class FirstOwnerTests(TestDatabase database)
{
    [Fact]
    public async Task Simultaneous_first_owners_make_exactly_one()
    {
        var store = new OperatorStore(database.Factory, TimeProvider.System);
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.AddFirstOwnerAsync($"first{i}", "hash"))).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r is not null);
        Assert.Single(await store.ListAsync());
        Assert.True(await store.AnyOwnerAsync());
        Assert.Null(await store.AddFirstOwnerAsync("late", "hash"));
    }
}

public sealed class SqliteFirstOwnerTests(SqliteTestDatabase database) : FirstOwnerTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresFirstOwnerTests(PostgresTestDatabase database) : FirstOwnerTests(database), IClassFixture<PostgresTestDatabase>;
