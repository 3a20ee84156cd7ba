using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public abstract class MigrationTests(TestDatabase database)
{
    [Fact]
    public async Task Every_migration_is_applied_and_recorded()
    {
        await using var connection = await database.Factory.OpenAsync();
        var recorded = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToArray();
        Assert.Equal(MigrationCatalog.For(database.Provider).Select(m => m.Version), recorded);
        // The first schema holds what the message server needs.
        foreach (var table in new[] { "followers", "message_log", "auto_reply_rules", "outbox" })
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
    }

    [Fact]
    public async Task Running_again_applies_nothing()
    {
        var runner = new MigrationRunner(database.Factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance);
        Assert.Empty(await runner.ApplyAsync());
    }
}

public sealed class SqliteMigrationTests(SqliteTestDatabase database) : MigrationTests(database), IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task The_database_file_runs_in_wal_mode()
    {
        await using var connection = await database.Factory.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }
}

public sealed class PostgresMigrationTests(PostgresTestDatabase database) : MigrationTests(database), IClassFixture<PostgresTestDatabase>;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void Both_databases_get_the_same_numbered_migrations()
    {
        var sqlite = MigrationCatalog.For(DatabaseProvider.Sqlite).Select(m => (m.Version, m.Name));
        var postgres = MigrationCatalog.For(DatabaseProvider.PostgreSql).Select(m => (m.Version, m.Name));
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }
}

/// <summary>Several instances starting at once against one fresh database.</summary>
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Instances_starting_together_on_postgres_apply_each_migration_once()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync(); // creates and migrates; start again from an empty database below
        try
        {
            await using (var connection = await database.Factory.OpenAsync())
                await connection.ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");

            var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var factory = new DbConnectionFactory(Options.Create(database.Options));
                return await new MigrationRunner(factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            }));
            var applied = await Task.WhenAll(runs);

            var expected = MigrationCatalog.For(DatabaseProvider.PostgreSql).Select(m => m.Version);
            Assert.Equal(expected, applied.SelectMany(a => a).Order());
            Assert.Single(applied, a => a.Count > 0);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
