using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Coordination;

namespace Portal.Core.Platform;

/// <summary>
/// Hands out each account's jsapi_ticket to every instance, kept as a <see cref="SharedCredential"/> per AppId
/// the same way as the access token: the platform allows few ticket fetches a day, so instances share one.
/// </summary>
public sealed partial class JsApiTicketBroker(TicketClient client, AccessTokenBroker tokens, ICoordinationStore store, IOptions<WeChatOptions> options, TimeProvider time, ILogger<JsApiTicketBroker> logger)
{
    private readonly ConcurrentDictionary<string, SharedCredential> _tickets = new(StringComparer.Ordinal);

    private SharedCredential TicketOf(WeChatAccount account) =>
        _tickets.GetOrAdd(account.AppId, appId => new SharedCredential("jsapi-ticket", appId, store, time, options.Value.TokenRefreshMargin));

    public Task<string> GetAsync(WeChatAccount account, CancellationToken ct = default) =>
        TicketOf(account).GetAsync(async c =>
        {
            var ticket = await tokens.CallAsync(account, client.GetJsApiTicketAsync, c).ConfigureAwait(false);
            LogRefreshed(logger, account.AppId, ticket.ExpiresAt);
            return (ticket.Value, ticket.ExpiresAt);
        }, ct);

    /// <summary>Drops <paramref name="failedTicket"/> if it is still the stored ticket of <paramref name="account"/> (pages reported it invalid).</summary>
    public Task InvalidateAsync(WeChatAccount account, string failedTicket, CancellationToken ct = default) => TicketOf(account).InvalidateAsync(failedTicket, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched the jsapi_ticket of {AppId}; it expires at {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string appId, DateTimeOffset expiresAt);
}
