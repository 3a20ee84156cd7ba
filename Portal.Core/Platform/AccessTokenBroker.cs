using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;

namespace Portal.Core.Platform;

/// <summary>
/// Hands out the account's access token to every instance. The token lives in the coordination store;
/// one refresher at a time takes a lease (whose lifetime exceeds the HTTP timeout) and reads the store
/// again under it, so instances that asked together cause one refresh. Refreshes happen well before
/// expiry. A token the platform refused is dropped only if it is still the stored one (compare and
/// delete), so a late failure never throws away a token someone else just fetched. Nothing is reset at
/// start-up.
/// </summary>
public sealed partial class AccessTokenBroker(TokenClient client, ICoordinationStore store, IOptions<WeChatOptions> account, TimeProvider time, ILogger<AccessTokenBroker> logger)
{
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);

    private string TokenKey => $"token:{account.Value.AppId}";
    private string LockKey => $"token-lock:{account.Value.AppId}";

    public async Task<string> GetAsync(CancellationToken ct = default)
    {
        if (await ReadFreshAsync(ct).ConfigureAwait(false) is { } cached)
            return cached.Value;

        var lease = await store.AcquireLeaseAsync(LockKey, LockLifetime, LockWait, time, ct).ConfigureAwait(false)
            ?? throw new TimeoutException("Another instance held the token refresh lock too long.");
        try
        {
            // Whoever held the lock before us may have refreshed already.
            if (await ReadFreshAsync(ct).ConfigureAwait(false) is { } refreshed)
                return refreshed.Value;
            var token = await client.StableTokenAsync(forceRefresh: false, ct).ConfigureAwait(false);
            var keepFor = KeepFor(token.ExpiresAt - time.GetUtcNow());
            await store.SetAsync(TokenKey, Serialize(token), keepFor, ct).ConfigureAwait(false);
            LogRefreshed(logger, account.Value.AppId, token.ExpiresAt);
            return token.Value;
        }
        finally
        {
            await store.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How long to use a token that has <paramref name="remaining"/> life. Normally until the refresh
    /// margin; but stable_token hands back the token in force and renews it only in its last minutes, so a
    /// token that comes back with less than the margin left is kept for half its remaining life rather than
    /// refreshed again at once (which would ask the platform every second until it renews).
    /// </summary>
    internal TimeSpan KeepFor(TimeSpan remaining)
    {
        var keep = remaining - account.Value.TokenRefreshMargin;
        if (keep < remaining / 2)
            keep = remaining / 2;
        return keep < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : keep;
    }

    /// <summary>Drops <paramref name="failedToken"/> if it is still the stored token.</summary>
    public async Task InvalidateAsync(string failedToken, CancellationToken ct = default)
    {
        var raw = await store.GetAsync(TokenKey, ct).ConfigureAwait(false);
        if (raw is not null && Deserialize(raw).Value == failedToken)
            await store.DeleteIfEqualsAsync(TokenKey, raw, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a platform call with the token; when the platform says the token is invalid, drops that token,
    /// gets a current one and runs the call once more.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<string, CancellationToken, Task<T>> call, CancellationToken ct = default)
    {
        var token = await GetAsync(ct).ConfigureAwait(false);
        try
        {
            return await call(token, ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.IsTokenInvalid)
        {
            LogTokenRefused(logger, e.Endpoint, e.ErrorCode);
            await InvalidateAsync(token, ct).ConfigureAwait(false);
            return await call(await GetAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
    }

    private async Task<AccessToken?> ReadFreshAsync(CancellationToken ct)
    {
        var raw = await store.GetAsync(TokenKey, ct).ConfigureAwait(false);
        // The store's lifetime already ends TokenRefreshMargin before expiry; anything present is fresh.
        return raw is null ? null : Deserialize(raw);
    }

    private static string Serialize(AccessToken token) =>
        token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "|" + token.Value;

    private static AccessToken Deserialize(string raw)
    {
        var bar = raw.IndexOf('|', StringComparison.Ordinal);
        return new AccessToken(raw[(bar + 1)..], DateTimeOffset.FromUnixTimeSeconds(long.Parse(raw[..bar], CultureInfo.InvariantCulture)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the access token of {AppId}; it expires at {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string appId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} refused the access token (errcode {ErrorCode}); fetching a current one and retrying once")]
    private static partial void LogTokenRefused(ILogger logger, string endpoint, int errorCode);
}
