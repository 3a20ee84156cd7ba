using Npgsql;
using StackExchange.Redis;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and Redis servers for tests are. <c>./test.sh</c> starts them and exports
/// the variables; a test that needs a server it cannot reach fails and says how to get one.
/// </summary>
public static class TestServers
{
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=55432;Username=portal;Database=postgres";

    public static string RedisConfiguration =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:56379";

    public static async Task<NpgsqlConnection> OpenPostgresAsync(string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Timeout = 5 };
        if (database is not null)
            builder.Database = database;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"This test needs PostgreSQL at '{builder.Host}:{builder.Port}' and cannot reach it ({e.Message}). " +
                "Run ./test.sh, which starts one, or set PORTAL_TEST_POSTGRES.", e);
        }
    }

    public static async Task<ConnectionMultiplexer> ConnectRedisAsync()
    {
        var options = ConfigurationOptions.Parse(RedisConfiguration);
        options.ConnectTimeout = 5000;
        options.AbortOnConnectFail = true;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException(
                $"This test needs Redis at '{RedisConfiguration}' and cannot reach it. Run ./test.sh, which starts one, or set PORTAL_TEST_REDIS.", e);
        }
    }

    /// <summary>A name no other test (or earlier run) uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 60)];
}
