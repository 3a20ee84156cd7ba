using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database owned by one test class: a temporary SQLite file, or a new database on
/// the test PostgreSQL server that is dropped afterwards.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private DbConnectionFactory? _factory;

    public DbConnectionFactory Factory => _factory ?? throw new InvalidOperationException("The database is not initialised yet.");

    public abstract DatabaseProvider Provider { get; }

    public DatabaseOptions Options { get; private set; } = new();

    public async Task InitializeAsync()
    {
        Options = await CreateAsync();
        _factory = new DbConnectionFactory(Microsoft.Extensions.Options.Options.Create(Options));
        await new MigrationRunner(_factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        _factory?.Dispose();
        await DropAsync();
    }

    protected abstract Task<DatabaseOptions> CreateAsync();

    protected abstract Task DropAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("portal-sqlite"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<DatabaseOptions> CreateAsync() =>
        Task.FromResult(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataFolder = _folder });

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = TestServers.UniqueName("portal_test");

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string ConnectionString { get; private set; } = "";

    protected override async Task<DatabaseOptions> CreateAsync()
    {
        await using (var admin = await TestServers.OpenPostgresAsync())
        {
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {_name}";
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = _name }.ConnectionString;
        return new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString, DataFolder = Path.GetTempPath() };
    }

    protected override async Task DropAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var admin = await TestServers.OpenPostgresAsync();
        await using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
