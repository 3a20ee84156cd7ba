using Npgsql;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Makes a test's own PostgreSQL database unreachable and brings it back, by renaming it: the app's connections
/// are closed and new ones fail (database does not exist) until the name returns. The server and every other
/// test's database are untouched.
/// </summary>
public sealed class PostgresOutage(string connectionString) : IAsyncDisposable
{
    private readonly string _name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
    private bool _away;

    public async Task BeginAsync()
    {
        await RenameAsync(_name, _name + "_away");
        _away = true;
    }

    public async Task EndAsync()
    {
        if (!_away)
            return;
        await RenameAsync(_name + "_away", _name);
        _away = false;
    }

    public async ValueTask DisposeAsync() => await EndAsync();

    // A rename waits for no connection: close the app's first, and again if it reconnected in between.
    private static async Task RenameAsync(string from, string to)
    {
        await using var admin = await TestServers.OpenPostgresAsync();
        for (var attempt = 0; ; attempt++)
        {
            await using (var terminate = admin.CreateCommand())
            {
                terminate.CommandText = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()";
                terminate.Parameters.AddWithValue("name", from);
                await terminate.ExecuteNonQueryAsync();
            }
            try
            {
                await using var rename = admin.CreateCommand();
                rename.CommandText = $"ALTER DATABASE \"{from}\" RENAME TO \"{to}\"";
                await rename.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 50)
            {
            }
        }
    }
}
