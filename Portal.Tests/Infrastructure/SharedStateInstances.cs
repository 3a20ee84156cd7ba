namespace Portal.Tests.Infrastructure;

/// <summary>
/// Several app instances as they run past one machine: one fresh PostgreSQL database and (optionally) one
/// Redis key space shared by all, each instance its own service provider. Dispose after the instances.
/// </summary>
public sealed class SharedStateInstances : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly string _redisPrefix = TestServers.UniqueName("shared") + ":";

    /// <summary>The key prefix the instances share in Redis, for tests that play a Redis restart.</summary>
    public string RedisPrefix => _redisPrefix;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>A new instance on the shared database, and on the shared Redis unless <paramref name="redis"/> is false.</summary>
    public PortalAppFactory Instance(bool redis = true)
    {
        var app = new PortalAppFactory();
        app.Settings["Database:Provider"] = "PostgreSql";
        app.Settings["ConnectionStrings:Portal"] = _database.ConnectionString;
        if (redis)
        {
            app.Settings["Redis:Configuration"] = TestServers.RedisConfiguration;
            app.Settings["Redis:KeyPrefix"] = _redisPrefix;
        }
        return app;
    }
}
