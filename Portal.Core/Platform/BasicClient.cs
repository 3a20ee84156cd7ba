using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Platform;

/// <summary>Basic platform information endpoints.</summary>
public sealed class BasicClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    /// <summary>
    /// GET /cgi-bin/get_api_domain_ip: the platform's API server addresses. Cheap and harmless, which makes
    /// it the call for checking that a token works
    /// (https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_the_WeChat_server_IP_address.html).
    /// </summary>
    public async Task<IReadOnlyList<string>> GetApiDomainIpAsync(string accessToken, CancellationToken ct = default)
    {
        var url = new Uri(options.Value.ApiBaseUrl, $"cgi-bin/get_api_domain_ip?access_token={Uri.EscapeDataString(accessToken)}");
        using var response = await http.CreateClient(PlatformHttp.ClientName).GetAsync(url, ct).ConfigureAwait(false);
        var body = await PlatformHttp.ReadAsync<IpListResult>(response, "cgi-bin/get_api_domain_ip", ct).ConfigureAwait(false);
        return body.IpList ?? [];
    }

    private sealed record IpListResult : PlatformResult
    {
        [JsonPropertyName("ip_list")]
        public List<string>? IpList { get; init; }
    }
}
