using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;

namespace Portal.Core.Platform;

/// <summary>
/// The platform's token endpoints. <c>stable_token</c> is the default: in normal mode it returns the
/// token still in force instead of minting one that invalidates the others
/// (https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html).
/// </summary>
public sealed class TokenClient(IHttpClientFactory http, IOptions<WeChatOptions> options, TimeProvider time)
{
    /// <summary>POST /cgi-bin/stable_token. <paramref name="forceRefresh"/> is limited by the platform to 20 a day.</summary>
    public async Task<AccessToken> StableTokenAsync(WeChatAccount account, bool forceRefresh = false, CancellationToken ct = default)
    {
        RequireSecret(account);
        var request = new { grant_type = "client_credential", appid = account.AppId, secret = account.AppSecret, force_refresh = forceRefresh };
        using var response = await http.CreateClient(PlatformHttp.ClientName).PostAsJsonAsync(new Uri(options.Value.ApiBaseUrl, "cgi-bin/stable_token"), request, ct).ConfigureAwait(false);
        var body = await PlatformHttp.ReadAsync<TokenResult>(response, "cgi-bin/stable_token", ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.AccessToken))
            throw new JsonException("stable_token answered without a token.");
        return new AccessToken(body.AccessToken, time.GetUtcNow().AddSeconds(body.ExpiresIn));
    }

    /// <summary>
    /// GET /cgi-bin/token, the classic endpoint. Every call mints a new token and the one before stops
    /// working five minutes later, so two systems calling it knock each other's tokens out; Portal uses it
    /// only where an account must (the broker uses <see cref="StableTokenAsync"/>).
    /// </summary>
    public async Task<AccessToken> TokenAsync(WeChatAccount account, CancellationToken ct = default)
    {
        RequireSecret(account);
        var url = new Uri(options.Value.ApiBaseUrl, $"cgi-bin/token?grant_type=client_credential&appid={Uri.EscapeDataString(account.AppId)}&secret={Uri.EscapeDataString(account.AppSecret)}");
        using var response = await http.CreateClient(PlatformHttp.ClientName).GetAsync(url, ct).ConfigureAwait(false);
        var body = await PlatformHttp.ReadAsync<TokenResult>(response, "cgi-bin/token", ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.AccessToken))
            throw new JsonException("token answered without a token.");
        return new AccessToken(body.AccessToken, time.GetUtcNow().AddSeconds(body.ExpiresIn));
    }

    /// <summary>The webhook runs without an AppSecret; the platform API does not.</summary>
    internal static void RequireSecret(WeChatAccount account)
    {
        if (string.IsNullOrEmpty(account.AppSecret))
            throw new InvalidOperationException(
                $"{account} has no AppSecret, which the platform API needs: set WeChat:AppSecret (env WeChat__AppSecret) for the default account, WeChat:Accounts:{{n}}:AppSecret for another.");
    }

    private sealed record TokenResult : PlatformResult
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; init; }

        [JsonPropertyName("expires_in")]
        public int ExpiresIn { get; init; }
    }
}
