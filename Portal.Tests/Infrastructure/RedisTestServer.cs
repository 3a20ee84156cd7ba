using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using StackExchange.Redis;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The test Redis, reached through Portal's own <see cref="RedisConnection"/> with a key prefix that
/// belongs to one test class, so classes run in parallel without touching each other's keys.
/// </summary>
public sealed class RedisTestServer : IAsyncLifetime
{
    private readonly List<RedisConnection> _connections = [];

    public string KeyPrefix { get; } = TestServers.UniqueName("test") + ":";

    /// <summary>A raw connection, for checking what Portal left on the server.</summary>
    public ConnectionMultiplexer Raw { get; private set; } = null!;

    public async Task InitializeAsync() => Raw = await TestServers.ConnectRedisAsync();

    /// <summary>A new multiplexer, as a separate Portal instance would have.</summary>
    public RedisConnection NewConnection()
    {
        var connection = new RedisConnection(Options.Create(new RedisOptions { Configuration = TestServers.RedisConfiguration, KeyPrefix = KeyPrefix }));
        _connections.Add(connection);
        return connection;
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
            connection.Dispose();
        var server = Raw.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*"))
            await Raw.GetDatabase().KeyDeleteAsync(key);
        await Raw.DisposeAsync();
    }
}
