using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Site;

/// <summary>
/// Article views counted in memory and written once a second, so reading an article costs no database
/// write (a write per view held a popular article at a third of the speed of the page itself, measured by
/// bench/pages.sh). Each instance adds its own counts (<c>read_count = read_count + n</c>), so instances
/// never overwrite each other; a crash loses at most the last second's views, and a stop writes them out.
/// </summary>
public sealed partial class ReadCounts(SiteStore store, TimeProvider time, ILogger<ReadCounts> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private ConcurrentDictionary<long, int> _pending = new();

    public void Count(long articleId) => _pending.AddOrUpdate(articleId, 1, static (_, n) => n + 1);

    /// <summary>Writes what has been counted so far.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var counted = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<long, int>());
        if (counted.IsEmpty)
            return;
        try
        {
            await store.CountReadsAsync(counted.ToArray(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Put them back to be tried with the next second's.
            foreach (var (id, n) in counted)
                _pending.AddOrUpdate(id, n, (_, m) => m + n);
            LogFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await FlushAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing article read counts failed; they are kept for the next try")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
