using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Core.Messaging.AutoReplies;

/// <summary>
/// Keeps the compiled rule set in memory so the webhook never waits on the database for it. The set is
/// re-read in the background once it is older than <see cref="MessagingOptions.RulesRefreshInterval"/>,
/// which is how an edit made on one instance reaches all of them within seconds. Only the very first
/// read is awaited.
/// </summary>
public sealed partial class AutoReplyRuleCache(AutoReplyRuleStore store, IOptions<MessagingOptions> options, TimeProvider time, ILogger<AutoReplyRuleCache> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;
    private int _refreshing;

    public async ValueTask<AutoReplyRuleSet> GetAsync(CancellationToken ct = default)
    {
        var current = _current;
        if (current is null)
            return await LoadFirstAsync(ct).ConfigureAwait(false);
        if (time.GetUtcNow() - current.LoadedAt > options.Value.RulesRefreshInterval && Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = RefreshInBackgroundAsync();
        return current.Rules;
    }

    /// <summary>Drops the cached set so the next message reads the rules afresh (after an edit on this instance).</summary>
    public void Invalidate() => _current = null;

    private async Task<AutoReplyRuleSet> LoadFirstAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is { } loaded)
                return loaded.Rules;
            var snapshot = await LoadAsync(ct).ConfigureAwait(false);
            _current = snapshot;
            return snapshot.Rules;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            _current = await LoadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Keep answering with the rules we have; the next message tries again.
            LogRefreshFailed(logger, e);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var rules = await store.ListAsync(ct).ConfigureAwait(false);
        return new Snapshot(new AutoReplyRuleSet(rules), at);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the auto-reply rules; the previous set stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed record Snapshot(AutoReplyRuleSet Rules, DateTimeOffset LoadedAt);
}
