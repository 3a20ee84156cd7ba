using System.Text.Json.Serialization;
using Portal.Core.Accounts;
using Portal.Core.WeChat;

namespace Portal.Core.Platform;

/// <summary>
/// What a page passes to <c>wx.config</c> for its exact URL: the account's AppID, a timestamp, a nonce and
/// the signature over the shared jsapi_ticket
/// (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html, appendix 1).
/// </summary>
public sealed class JsSdkConfig(JsApiTicketBroker tickets, TimeProvider time, INonceSource nonces)
{
    /// <summary>
    /// Signs <paramref name="pageUrl"/> for <paramref name="account"/> (a page of that account's), which must be the page's absolute http(s) URL as the browser sees it
    /// (<c>location.href.split('#')[0]</c>); a fragment is dropped here too, as the platform ignores it.
    /// </summary>
    public async Task<JsSdkConfiguration> ForPageAsync(WeChatAccount account, string pageUrl, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        var fragment = pageUrl.IndexOf('#', StringComparison.Ordinal);
        var page = fragment < 0 ? pageUrl : pageUrl[..fragment];
        if (!Uri.TryCreate(page, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("The JS-SDK signs a page's absolute http(s) URL.", nameof(pageUrl));
        var ticket = await tickets.GetAsync(account, ct).ConfigureAwait(false);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var nonce = nonces.Next(16);
        return new JsSdkConfiguration(account.AppId, timestamp, nonce, JsSdkSignature.Compute(ticket, nonce, timestamp, page));
    }
}

/// <summary>The fields of <c>wx.config</c> Portal computes, named as the JS-SDK expects them.</summary>
public sealed record JsSdkConfiguration(
    [property: JsonPropertyName("appId")] string AppId,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("nonceStr")] string NonceStr,
    [property: JsonPropertyName("signature")] string Signature);
