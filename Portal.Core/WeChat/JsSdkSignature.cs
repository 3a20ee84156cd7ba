using System.Globalization;

namespace Portal.Core.WeChat;

/// <summary>
/// The signature a page passes to <c>wx.config</c>, computed from the cached jsapi_ticket.
/// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (appendix 1).
/// </summary>
public static class JsSdkSignature
{
    /// <summary>
    /// SHA-1 of <c>jsapi_ticket=…&amp;noncestr=…&amp;timestamp=…&amp;url=…</c>, lowercase hex.
    /// The url is used exactly as given (no encoding) up to any <c>#</c>: the page signs
    /// <c>location.href.split('#')[0]</c>, and a fragment left in is the classic "invalid signature".
    /// <c>wx.config</c> must receive the same nonceStr and timestamp.
    /// </summary>
    public static string Compute(string ticket, string nonceStr, long timestamp, string url)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(nonceStr);
        ArgumentNullException.ThrowIfNull(url);
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var page = fragment < 0 ? url : url[..fragment];
        ReadOnlySpan<string> parts =
        [
            "jsapi_ticket=", ticket,
            "&noncestr=", nonceStr,
            "&timestamp=", timestamp.ToString(CultureInfo.InvariantCulture),
            "&url=", page,
        ];
        return Sha1Hex.OfConcatenation(parts);
    }
}
