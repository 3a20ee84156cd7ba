using System.Globalization;
using Portal.Core.Coordination;

namespace Portal.Core.Platform;

/// <summary>
/// One platform credential (the access token, the JS-SDK ticket) shared by every instance through the
/// coordination store. One refresher at a time takes a lease whose lifetime exceeds the HTTP timeout and
/// reads the store again under it, so instances that asked together cause one fetch. A credential is
/// replaced well before it expires. One the platform refused is dropped only if it is still the stored one
/// (compare and delete), so a late failure never throws away a credential someone else just fetched.
/// Nothing is reset at start-up.
/// While the store cannot be reached, this instance keeps a credential of its own in memory: the access token
/// comes from stable_token, which hands every caller the token in force without revoking another's, so an
/// instance fetching alone breaks nobody, and late replies keep going out during a Redis outage.
/// </summary>
public sealed class SharedCredential(string name, string appId, ICoordinationStore store, TimeProvider time, TimeSpan refreshMargin)
{
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _localFetch = new(1, 1);
    private volatile LocalCopy? _local;

    private string Key => $"{name}:{appId}";
    private string LockKey => $"{name}-lock:{appId}";

    /// <summary>The stored credential, or the one <paramref name="fetch"/> gets when none is fresh.</summary>
    public async Task<string> GetAsync(Func<CancellationToken, Task<(string Value, DateTimeOffset ExpiresAt)>> fetch, CancellationToken ct = default)
    {
        try
        {
            return await GetSharedAsync(fetch, ct).ConfigureAwait(false);
        }
        catch (CoordinationUnavailableException)
        {
            return await GetLocalAsync(fetch, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> GetLocalAsync(Func<CancellationToken, Task<(string Value, DateTimeOffset ExpiresAt)>> fetch, CancellationToken ct)
    {
        if (_local is { } copy && copy.KeepUntil > time.GetUtcNow())
            return copy.Value;
        await _localFetch.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_local is { } fetched && fetched.KeepUntil > time.GetUtcNow())
                return fetched.Value;
            var (value, expiresAt) = await fetch(ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            _local = new LocalCopy(value, now + KeepFor(expiresAt - now));
            return value;
        }
        finally
        {
            _localFetch.Release();
        }
    }

    private async Task<string> GetSharedAsync(Func<CancellationToken, Task<(string Value, DateTimeOffset ExpiresAt)>> fetch, CancellationToken ct)
    {
        if (await store.GetAsync(Key, ct).ConfigureAwait(false) is { } cached)
            return Deserialize(cached).Value;

        var lease = await store.AcquireLeaseAsync(LockKey, LockLifetime, LockWait, time, ct).ConfigureAwait(false)
            ?? throw new TimeoutException($"Another instance held the {name} refresh lock too long.");
        try
        {
            // Whoever held the lock before us may have refreshed already. The store's lifetime ends
            // before expiry, so anything present is fresh.
            if (await store.GetAsync(Key, ct).ConfigureAwait(false) is { } refreshed)
                return Deserialize(refreshed).Value;
            var (value, expiresAt) = await fetch(ct).ConfigureAwait(false);
            await store.SetAsync(Key, Serialize(value, expiresAt), KeepFor(expiresAt - time.GetUtcNow()), ct).ConfigureAwait(false);
            return value;
        }
        finally
        {
            try
            {
                await store.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (CoordinationUnavailableException)
            {
                // The lease lapses on its own; what was fetched is still good.
            }
        }
    }

    /// <summary>
    /// How long to use a credential that has <paramref name="remaining"/> life. Normally until the refresh
    /// margin; but stable_token hands back the token in force and renews it only in its last minutes, so a
    /// credential that comes back with less than the margin left is kept for half its remaining life rather
    /// than refreshed again at once (which would ask the platform every second until it renews).
    /// </summary>
    public TimeSpan KeepFor(TimeSpan remaining)
    {
        var keep = remaining - refreshMargin;
        if (keep < remaining / 2)
            keep = remaining / 2;
        return keep < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : keep;
    }

    /// <summary>Drops <paramref name="failed"/> if it is still the stored credential.</summary>
    public async Task InvalidateAsync(string failed, CancellationToken ct = default)
    {
        if (_local is { } copy && copy.Value == failed)
            _local = null;
        try
        {
            await InvalidateSharedAsync(failed, ct).ConfigureAwait(false);
        }
        catch (CoordinationUnavailableException)
        {
            // Nobody can read the shared copy now either; the next fetch replaces it once the store is back.
        }
    }

    private async Task InvalidateSharedAsync(string failed, CancellationToken ct)
    {
        var raw = await store.GetAsync(Key, ct).ConfigureAwait(false);
        if (raw is not null && Deserialize(raw).Value == failed)
            await store.DeleteIfEqualsAsync(Key, raw, ct).ConfigureAwait(false);
    }

    private static string Serialize(string value, DateTimeOffset expiresAt) =>
        expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "|" + value;

    private static (string Value, DateTimeOffset ExpiresAt) Deserialize(string raw)
    {
        var bar = raw.IndexOf('|', StringComparison.Ordinal);
        return (raw[(bar + 1)..], DateTimeOffset.FromUnixTimeSeconds(long.Parse(raw[..bar], CultureInfo.InvariantCulture)));
    }

    private sealed record LocalCopy(string Value, DateTimeOffset KeepUntil);
}
