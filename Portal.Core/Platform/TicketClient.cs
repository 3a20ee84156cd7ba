using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Platform;

/// <summary>
/// The JS-SDK ticket endpoint. The ticket has a low daily quota and lasts as long as an access token, so
/// it is fetched only through <see cref="JsApiTicketBroker"/>
/// (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html, appendix 1).
/// </summary>
public sealed class TicketClient(IHttpClientFactory http, IOptions<WeChatOptions> options, TimeProvider time)
{
    private const string Endpoint = "cgi-bin/ticket/getticket";

    /// <summary>GET /cgi-bin/ticket/getticket?type=jsapi.</summary>
    public async Task<JsApiTicket> GetJsApiTicketAsync(string accessToken, CancellationToken ct = default)
    {
        var url = new Uri(options.Value.ApiBaseUrl, $"{Endpoint}?access_token={Uri.EscapeDataString(accessToken)}&type=jsapi");
        using var response = await http.CreateClient(PlatformHttp.ClientName).GetAsync(url, ct).ConfigureAwait(false);
        var body = await PlatformHttp.ReadAsync<TicketResult>(response, Endpoint, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.Ticket))
            throw new JsonException("getticket answered without a ticket.");
        return new JsApiTicket(body.Ticket, time.GetUtcNow().AddSeconds(body.ExpiresIn));
    }

    private sealed record TicketResult : PlatformResult
    {
        [JsonPropertyName("ticket")]
        public string? Ticket { get; init; }

        [JsonPropertyName("expires_in")]
        public int ExpiresIn { get; init; }
    }
}

/// <summary>A jsapi_ticket and when the platform stops accepting it.</summary>
public sealed record JsApiTicket(string Value, DateTimeOffset ExpiresAt);
