using System.Collections.Concurrent;
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
    private readonly DependencyOutage _outage = outages.For(DependencyOutages.AutoReplyRules);

    // One set per account, each loaded and refreshed on its own: an account's rules never answer another's followers.
    private readonly ConcurrentDictionary<int, AccountRules> _accounts = new();

    public async ValueTask<AutoReplyRuleSet> GetAsync(int accountId, CancellationToken ct = default)
    {
        var rules = _accounts.GetOrAdd(accountId, static _ => new AccountRules());
        var current = rules.Current;
        if (current is null)
            return await LoadFirstAsync(accountId, rules, ct).ConfigureAwait(false);
        if (time.GetUtcNow() - current.LoadedAt > options.Value.RulesRefreshInterval && Interlocked.Exchange(ref rules.Refreshing, 1) == 0)
            _ = RefreshInBackgroundAsync(accountId, rules);
        return current.Rules;
    }

    /// <summary>Drops an account's cached set so its next message reads the rules afresh (after an edit on this instance).</summary>
    public void Invalidate(int accountId)
    {
        if (_accounts.TryGetValue(accountId, out var rules))
            rules.Current = null;
    }

    private async Task<AutoReplyRuleSet> LoadFirstAsync(int accountId, AccountRules rules, CancellationToken ct)
    {
        await rules.Loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (rules.Current is { } loaded)
                return loaded.Rules;
            var snapshot = await LoadAsync(accountId, ct).ConfigureAwait(false);
            rules.Current = snapshot;
            return snapshot.Rules;
        }
        finally
        {
            rules.Loading.Release();
        }
    }

    private async Task RefreshInBackgroundAsync(int accountId, AccountRules rules)
    {
        try
        {
            rules.Current = await LoadAsync(accountId, CancellationToken.None).ConfigureAwait(false);
            _outage.Succeeded();
        }
        catch (Exception e)
        {
            // Keep answering with the rules we have, as if just loaded, so the next try is an interval away: a
            // try per message would add a failing query (and once a log line) to every message of the outage.
            if (rules.Current is { } kept)
                rules.Current = kept with { LoadedAt = time.GetUtcNow() };
            _outage.Failed(e);
        }
        finally
        {
            Volatile.Write(ref rules.Refreshing, 0);
        }
    }

    private async Task<Snapshot> LoadAsync(int accountId, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var rules = await store.ListAsync(accountId, ct).ConfigureAwait(false);
        return new Snapshot(new AutoReplyRuleSet(rules), at);
    }

    private sealed record Snapshot(AutoReplyRuleSet Rules, DateTimeOffset LoadedAt);

    private sealed class AccountRules
    {
        public readonly SemaphoreSlim Loading = new(1, 1);
        public volatile Snapshot? Current;
        public int Refreshing;
    }
}
