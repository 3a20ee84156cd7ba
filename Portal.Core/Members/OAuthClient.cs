using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Platform;

namespace Portal.Core.Members;

/// <summary>
/// The web-authorization endpoints under <c>/sns/</c>
/// (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// The code exchange and refresh are for an account (its AppId and secret); the others take the follower's
/// OAuth token, never the account's access token, so they do not go through the
/// token broker. The authorize URL itself is built by <see cref="WeChat.OAuthAuthorizeUrl"/>.
/// </summary>
public sealed class OAuthClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    /// <summary>
    /// GET /sns/oauth2/access_token: exchanges the callback's code. A code works once (40163 after) and for
    /// five minutes (40029 after); a double callback therefore fails on the second exchange.
    /// </summary>
    public Task<OAuthToken> ExchangeCodeAsync(WeChatAccount account, string code, CancellationToken ct = default)
    {
        TokenClient.RequireSecret(account);
        return GetAsync<OAuthToken>("sns/oauth2/access_token",
            $"appid={Uri.EscapeDataString(account.AppId)}&secret={Uri.EscapeDataString(account.AppSecret)}&code={Uri.EscapeDataString(code)}&grant_type=authorization_code", ct);
    }

    /// <summary>GET /sns/oauth2/refresh_token: a new two-hour token from the thirty-day refresh token.</summary>
    public Task<OAuthToken> RefreshAsync(WeChatAccount account, string refreshToken, CancellationToken ct = default) =>
        GetAsync<OAuthToken>("sns/oauth2/refresh_token",
            $"appid={Uri.EscapeDataString(account.AppId)}&grant_type=refresh_token&refresh_token={Uri.EscapeDataString(refreshToken)}", ct);

    /// <summary>GET /sns/userinfo: needs a token from an snsapi_userinfo authorization (an snsapi_base one gets 48001).</summary>
    public Task<OAuthUserInfo> GetUserInfoAsync(string oauthAccessToken, string openId, string lang = "zh_CN", CancellationToken ct = default) =>
        GetAsync<OAuthUserInfo>("sns/userinfo",
            $"access_token={Uri.EscapeDataString(oauthAccessToken)}&openid={Uri.EscapeDataString(openId)}&lang={Uri.EscapeDataString(lang)}", ct);

    /// <summary>
    /// GET /sns/auth: whether the OAuth token still works for this openid. False for the token-invalid
    /// answers and a mismatched openid; other errors throw.
    /// </summary>
    public async Task<bool> IsValidAsync(string oauthAccessToken, string openId, CancellationToken ct = default)
    {
        try
        {
            await GetAsync<PlatformResult>("sns/auth", $"access_token={Uri.EscapeDataString(oauthAccessToken)}&openid={Uri.EscapeDataString(openId)}", ct).ConfigureAwait(false);
            return true;
        }
        catch (WeChatApiException e) when (e.IsTokenInvalid || e.ErrorCode == WeChatErrorCodes.InvalidOpenId)
        {
            return false;
        }
    }

    private async Task<T> GetAsync<T>(string endpoint, string query, CancellationToken ct) where T : PlatformResult
    {
        var url = new Uri(options.Value.ApiBaseUrl, $"{endpoint}?{query}");
        using var response = await http.CreateClient(PlatformHttp.ClientName).GetAsync(url, ct).ConfigureAwait(false);
        return await PlatformHttp.ReadAsync<T>(response, endpoint, ct).ConfigureAwait(false);
    }
}
