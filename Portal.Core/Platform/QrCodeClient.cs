using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Platform;

/// <summary>
/// Parameter QR codes
/// (https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html).
/// </summary>
public sealed class QrCodeClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    /// <summary>POST /cgi-bin/qrcode/create.</summary>
    public async Task<QrCodeTicket> CreateAsync(string accessToken, QrCodeRequest request, CancellationToken ct = default)
    {
        var body = await PlatformRequests.PostAsync<TicketResult>(http, options.Value, "cgi-bin/qrcode/create", accessToken, request, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.Ticket))
            throw new System.Text.Json.JsonException("qrcode/create answered without a ticket.");
        return new QrCodeTicket(body.Ticket, body.ExpireSeconds, body.Url ?? "");
    }

    /// <summary>
    /// Where the code's image is: <c>showqrcode</c> on the MP host, needing no token, so it can go straight
    /// into a page. The ticket holds characters that must be escaped in a query.
    /// </summary>
    public Uri ImageUrl(string ticket) =>
        new(options.Value.MpBaseUrl, $"cgi-bin/showqrcode?ticket={Uri.EscapeDataString(ticket)}");

    private sealed record TicketResult : PlatformResult
    {
        [JsonPropertyName("ticket")]
        public string? Ticket { get; init; }

        [JsonPropertyName("expire_seconds")]
        public int? ExpireSeconds { get; init; }

        [JsonPropertyName("url")]
        public string? Url { get; init; }
    }
}
