namespace Portal.Core.WeChat;

/// <summary>The two web-authorization scopes.</summary>
public static class OAuthScopes
{
    /// <summary>Silent: yields the openid only.</summary>
    public const string Base = "snsapi_base";

    /// <summary>Asks the follower's consent, then allows <c>sns/userinfo</c>, even for someone who does not follow.</summary>
    public const string UserInfo = "snsapi_userinfo";

    public static bool IsKnown(string? scope) => scope is Base or UserInfo;
}

/// <summary>
/// The page a browser inside WeChat is sent to for web authorization
/// (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// </summary>
public static class OAuthAuthorizeUrl
{
    /// <summary>
    /// <c>{openBase}connect/oauth2/authorize?appid=…&amp;redirect_uri=…&amp;response_type=code&amp;scope=…&amp;state=…#wechat_redirect</c>.
    /// The parameters go in exactly this order and the fragment is mandatory: the platform is known to
    /// refuse (or loop) otherwise. <paramref name="state"/> comes back on the callback unchanged; it should be
    /// random and bound to the browser, at most 128 letters and digits.
    /// </summary>
    public static string Build(Uri openBaseUrl, string appId, string redirectUri, string scope, string state)
    {
        ArgumentNullException.ThrowIfNull(openBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("redirect_uri must be an absolute http(s) URL on the account's authorized domain.", nameof(redirectUri));
        if (!OAuthScopes.IsKnown(scope))
            throw new ArgumentException($"scope must be {OAuthScopes.Base} or {OAuthScopes.UserInfo}.", nameof(scope));
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length > 128 || !state.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException("state must be at most 128 letters and digits.", nameof(state));
        var openBase = openBaseUrl.AbsoluteUri.EndsWith('/') ? openBaseUrl.AbsoluteUri : openBaseUrl.AbsoluteUri + "/";
        return $"{openBase}connect/oauth2/authorize?appid={Uri.EscapeDataString(appId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + $"&response_type=code&scope={scope}&state={state}#wechat_redirect";
    }
}
