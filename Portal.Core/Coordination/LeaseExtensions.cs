using System.Security.Cryptography;

namespace Portal.Core.Coordination;

/// <summary>Lease locks built from the store's claim and compare-and-swap primitives.</summary>
public static class LeaseExtensions
{
    /// <summary>Takes the lease if nobody holds it; null otherwise.</summary>
    public static async Task<Lease?> TryAcquireLeaseAsync(this ICoordinationStore store, string key, TimeSpan ttl, TimeProvider time, CancellationToken ct = default)
    {
        var token = NewOwnerToken();
        return await store.TryClaimAsync(key, token, ttl, ct).ConfigureAwait(false)
            ? new Lease(key, token, time.GetUtcNow() + ttl)
            : null;
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the lease, polling with a short, growing pause.
    /// Null when the wait ran out.
    /// </summary>
    public static async Task<Lease?> AcquireLeaseAsync(this ICoordinationStore store, string key, TimeSpan ttl, TimeSpan wait, TimeProvider time, CancellationToken ct = default)
    {
        var deadline = time.GetUtcNow() + wait;
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var lease = await store.TryAcquireLeaseAsync(key, ttl, time, ct).ConfigureAwait(false);
            if (lease is not null)
                return lease;
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                return null;
            await Task.Delay(pause < left ? pause : left, time, ct).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>Releases a lease this caller still holds; false when it was no longer theirs.</summary>
    public static Task<bool> ReleaseAsync(this ICoordinationStore store, Lease lease, CancellationToken ct = default) =>
        store.DeleteIfEqualsAsync(lease.Key, lease.OwnerToken, ct);

    private static string NewOwnerToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
