using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Coordination;

namespace Portal.Core.Platform;

/// <summary>
/// Hands out each account's access token to every instance, kept as a <see cref="SharedCredential"/> per
/// AppId: one refresh across instances, well before expiry, and a refused token dropped only if it is still
/// the stored one. The AppId is in every key, so one account's token is never handed out for another.
/// </summary>
public sealed partial class AccessTokenBroker(TokenClient client, ICoordinationStore store, IOptions<WeChatOptions> options, TimeProvider time, ILogger<AccessTokenBroker> logger)
{
    private readonly ConcurrentDictionary<string, SharedCredential> _tokens = new(StringComparer.Ordinal);

    private SharedCredential TokenOf(WeChatAccount account) =>
        _tokens.GetOrAdd(account.AppId, appId => new SharedCredential("token", appId, store, time, options.Value.TokenRefreshMargin));

    public Task<string> GetAsync(WeChatAccount account, CancellationToken ct = default) =>
        TokenOf(account).GetAsync(async c =>
        {
            var token = await client.StableTokenAsync(account, forceRefresh: false, c).ConfigureAwait(false);
            LogRefreshed(logger, account.AppId, token.ExpiresAt);
            return (token.Value, token.ExpiresAt);
        }, ct);

    /// <summary>How long a token with <paramref name="remaining"/> life is used (see <see cref="SharedCredential.KeepFor"/>).</summary>
    internal TimeSpan KeepFor(WeChatAccount account, TimeSpan remaining) => TokenOf(account).KeepFor(remaining);

    /// <summary>Drops <paramref name="failedToken"/> if it is still the stored token of <paramref name="account"/>.</summary>
    public Task InvalidateAsync(WeChatAccount account, string failedToken, CancellationToken ct = default) => TokenOf(account).InvalidateAsync(failedToken, ct);

    /// <summary>
    /// Runs a platform call with the token; when the platform says the token is invalid, drops that token,
    /// gets a current one and runs the call once more.
    /// </summary>
    public async Task<T> CallAsync<T>(WeChatAccount account, Func<string, CancellationToken, Task<T>> call, CancellationToken ct = default)
    {
        var token = await GetAsync(account, ct).ConfigureAwait(false);
        try
        {
            return await call(token, ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.IsTokenInvalid)
        {
            LogTokenRefused(logger, account.AppId, e.Endpoint, e.ErrorCode);
            await InvalidateAsync(account, token, ct).ConfigureAwait(false);
            return await call(await GetAsync(account, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the access token of {AppId}; it expires at {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string appId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} refused the access token of {AppId} (errcode {ErrorCode}); fetching a current one and retrying once")]
    private static partial void LogTokenRefused(ILogger logger, string appId, string endpoint, int errorCode);
}
