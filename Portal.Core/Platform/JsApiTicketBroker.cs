using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;

namespace Portal.Core.Platform;

/// <summary>
/// Hands out the account's jsapi_ticket to every instance, kept as a <see cref="SharedCredential"/> the
/// same way as the access token: the platform allows few ticket fetches a day, so instances share one.
/// </summary>
public sealed partial class JsApiTicketBroker(TicketClient client, AccessTokenBroker tokens, ICoordinationStore store, IOptions<WeChatOptions> account, TimeProvider time, ILogger<JsApiTicketBroker> logger)
{
    private readonly SharedCredential _ticket = new("jsapi-ticket", account.Value.AppId, store, time, account.Value.TokenRefreshMargin);

    public Task<string> GetAsync(CancellationToken ct = default) =>
        _ticket.GetAsync(async c =>
        {
            var ticket = await tokens.CallAsync(client.GetJsApiTicketAsync, c).ConfigureAwait(false);
            LogRefreshed(logger, account.Value.AppId, ticket.ExpiresAt);
            return (ticket.Value, ticket.ExpiresAt);
        }, ct);

    /// <summary>Drops <paramref name="failedTicket"/> if it is still the stored ticket (pages reported it invalid).</summary>
    public Task InvalidateAsync(string failedTicket, CancellationToken ct = default) => _ticket.InvalidateAsync(failedTicket, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched the jsapi_ticket of {AppId}; it expires at {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string appId, DateTimeOffset expiresAt);
}
