using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public sealed class SqliteCheckpointerTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task The_write_ahead_log_starts_over_even_while_commits_never_stop()
    {
        await using (var setup = await database.Factory.OpenAsync())
            await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS checkpoint_load (body BLOB NOT NULL)");
        // 400 pages: small enough for the test to pass it many times over.
        var checkpointer = new SqliteCheckpointer(database.Factory, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance) { RestartAfterPages = 400 };
        await checkpointer.StartAsync(CancellationToken.None);
        var commits = 0;
        try
        {
            // One commit after another with no pause, as the message journal does under load, for several ticks.
            await using var writer = await database.Factory.OpenAsync();
            var body = new byte[1024];
            var until = DateTime.UtcNow + 6 * SqliteCheckpointer.Interval;
            while (DateTime.UtcNow < until)
            {
                await writer.ExecuteAsync("INSERT INTO checkpoint_load (body) VALUES (@body)", new { body });
                commits++;
            }
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }

        // Each commit adds at least one page to the log. Without the restart the log keeps every page written since
        // the burst began (and the file grows by as much); with it, only those since the last tick or two.
        await using var check = await database.Factory.OpenAsync();
        var (_, logPages, _) = await check.QuerySingleAsync<(long Busy, long Log, long Copied)>("PRAGMA wal_checkpoint(PASSIVE)");
        Assert.True(logPages < commits / 2, $"the log holds {logPages} pages after {commits} commits");
    }
}
