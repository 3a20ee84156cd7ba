using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Data;

/// <summary>
/// Moves SQLite's write-ahead log into the database file four times a second, on a connection of its own.
/// Left to itself SQLite checkpoints inside whichever commit crosses 1000 pages, and the webhook's
/// requests waiting on that commit would wait for the checkpoint's disk flush too. Connections opened by
/// <see cref="DbConnectionFactory"/> have automatic checkpoints turned off for that reason.
/// </summary>
/// <remarks>
/// Off the request path is not out of its way: each checkpoint ends with an fsync of the database file, and
/// on ext4 a commit that writes the log while that flush runs waits for it. The longer the interval, the more
/// the flush carries. Measured under the webhook benchmark: once a second, commits stalled for 16-20 ms every
/// second or two; every 250 ms, no commit took over 3 ms, at the same throughput.
/// </remarks>
public sealed partial class SqliteCheckpointer(DbConnectionFactory db, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Log pages (4 KB each; 1 GB by default) past which a checkpoint also makes the log start over.
    /// </summary>
    /// <remarks>
    /// SQLite starts the log over only when a write begins with every page of it copied back, which never
    /// happens while commits keep coming (each checkpoint takes milliseconds, a commit comes every few hundred
    /// microseconds), so under sustained load the file would grow without end: 40-50 MB a second at the
    /// webhook benchmark's rate. A RESTART checkpoint holds writers back while it copies the last pages,
    /// so it is kept for this bound rather than done on every tick.
    /// </remarks>
    internal int RestartAfterPages { get; init; } = 262_144;

    /// <remarks>
    /// The loop has a thread of its own. SQLite's calls block, and a checkpoint takes 10-15 ms under the webhook
    /// benchmark (about 12 MB of pages copied and flushed, four times a second): on the thread pool it held one of
    /// the two workers of a two-core machine that long. On its own thread it still takes its share of the CPU, but
    /// the scheduler slices it with the workers instead of the pool's queue waiting for it. (Alternating AES runs
    /// showed no difference in throughput or p99 beyond the noise; the change is for the worst case, not the mean.)
    /// </remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
            return Task.CompletedTask;
        return Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Run(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (Tick(timer, stoppingToken))
        {
            try
            {
                // SQLite opens synchronously whatever the method is called; waiting on it here blocks only this thread.
                using var connection = db.OpenAsync(stoppingToken).GetAwaiter().GetResult();
                // PASSIVE never blocks writers or readers; it copies what it can and leaves the rest for the next tick.
                var (_, logPages, _) = connection.QuerySingle<(long Busy, long Log, long Copied)>("PRAGMA wal_checkpoint(PASSIVE)");
                if (logPages >= RestartAfterPages)
                    connection.Execute("PRAGMA wal_checkpoint(RESTART)");
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckpointFailed(logger, e);
            }
        }
    }

    private static bool Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return timer.WaitForNextTickAsync(stoppingToken).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; the next tick tries again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
