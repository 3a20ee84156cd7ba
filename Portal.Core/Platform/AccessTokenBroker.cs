using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;

namespace Portal.Core.Platform;

/// <summary>
/// Hands out the account's access token to every instance, kept as a <see cref="SharedCredential"/>: one
/// refresh across instances, well before expiry, and a refused token dropped only if it is still the
/// stored one.
/// </summary>
public sealed partial class AccessTokenBroker(TokenClient client, ICoordinationStore store, IOptions<WeChatOptions> account, TimeProvider time, ILogger<AccessTokenBroker> logger)
{
    private readonly SharedCredential _token = new("token", account.Value.AppId, store, time, account.Value.TokenRefreshMargin);

    public Task<string> GetAsync(CancellationToken ct = default) =>
        _token.GetAsync(async c =>
        {
            var token = await client.StableTokenAsync(forceRefresh: false, c).ConfigureAwait(false);
            LogRefreshed(logger, account.Value.AppId, token.ExpiresAt);
            return (token.Value, token.ExpiresAt);
        }, ct);

    /// <summary>How long a token with <paramref name="remaining"/> life is used (see <see cref="SharedCredential.KeepFor"/>).</summary>
    internal TimeSpan KeepFor(TimeSpan remaining) => _token.KeepFor(remaining);

    /// <summary>Drops <paramref name="failedToken"/> if it is still the stored token.</summary>
    public Task InvalidateAsync(string failedToken, CancellationToken ct = default) => _token.InvalidateAsync(failedToken, ct);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the access token of {AppId}; it expires at {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string appId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} refused the access token (errcode {ErrorCode}); fetching a current one and retrying once")]
    private static partial void LogTokenRefused(ILogger logger, string endpoint, int errorCode);
}
