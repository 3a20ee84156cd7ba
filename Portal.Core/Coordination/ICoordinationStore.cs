namespace Portal.Core.Coordination;

/// <summary>
/// The few primitives that several Portal instances must share: short-lived keys, claims, compare-and-swap.
/// Every key has a time to live, so nothing left behind by a crashed instance stays for ever.
/// Two implementations behave the same (one contract test suite runs against both): Redis for several
/// instances, in-process for the single-machine default.
/// </summary>
public interface ICoordinationStore
{
    /// <summary>Sets <paramref name="key"/> only if it is absent. True for the one caller that won.</summary>
    Task<bool> TryClaimAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default);

    /// <summary>
    /// Claims <paramref name="key"/> like <see cref="TryClaimAsync"/>, or reads the value that holds it, in one
    /// step; and says since when the store remembers every key, so that a caller can tell when a won claim may
    /// repeat one the store has forgotten.
    /// </summary>
    Task<ClaimAttempt> ClaimOrReadAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default);

    /// <summary>Sets <paramref name="key"/> whatever it held.</summary>
    Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default);

    /// <summary>The live value, or null when absent or expired.</summary>
    Task<string?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>Deletes <paramref name="key"/> only while it still holds <paramref name="expected"/>.</summary>
    Task<bool> DeleteIfEqualsAsync(string key, string expected, CancellationToken ct = default);

    /// <summary>Replaces the value (and its time to live) only while the key still holds <paramref name="expected"/>.</summary>
    Task<bool> ReplaceIfEqualsAsync(string key, string expected, string value, TimeSpan ttl, CancellationToken ct = default);
}
