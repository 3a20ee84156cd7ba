using Microsoft.Extensions.Options;
using Portal.Core.Logging;
using Portal.Core.Messaging;

namespace Portal.Core.AutoReplies;

/// <summary>
/// Keeps the compiled rule set in memory so the webhook never waits on the database for it. The set is
/// re-read in the background once it is older than <see cref="MessagingOptions.RulesRefreshInterval"/>,
/// which is how an edit made on one instance reaches all of them within seconds. Only the very first
/// read is awaited. A refresh that fails is tried again one interval later, not on the next message, and
/// the database's outage is logged once (start and end), not per message.
/// </summary>
public sealed class AutoReplyRuleCache(AutoReplyRuleStore store, IOptions<MessagingOptions> options, TimeProvider time, DependencyOutages outages)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly DependencyOutage _outage = outages.For(DependencyOutages.AutoReplyRules);
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
            _outage.Succeeded();
        }
        catch (Exception e)
        {
            // Keep answering with the rules we have, as if just loaded, so the next try is an interval away: a
            // try per message would add a failing query (and once a log line) to every message of the outage.
            if (_current is { } kept)
                _current = kept with { LoadedAt = time.GetUtcNow() };
            _outage.Failed(e);
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

    private sealed record Snapshot(AutoReplyRuleSet Rules, DateTimeOffset LoadedAt);
}
