using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Data;

/// <summary>
/// Moves SQLite's write-ahead log into the database file once a second, on a connection of its own.
/// Left to itself SQLite checkpoints inside whichever commit crosses 1000 pages, and the webhook's
/// requests waiting on that commit would wait for the checkpoint's disk flush too. Connections opened by
/// <see cref="DbConnectionFactory"/> have automatic checkpoints turned off for that reason.
/// </summary>
public sealed partial class SqliteCheckpointer(DbConnectionFactory db, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken).ConfigureAwait(false);
                // PASSIVE never blocks writers or readers; it copies what it can and leaves the rest for the next tick.
                await connection.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE)").ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckpointFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; the next tick tries again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
