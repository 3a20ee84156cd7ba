using System.Net.Http.Json;

namespace Portal.Core.Platform;

/// <summary>The two shapes of platform call: a GET with query parameters, a POST with a JSON body.</summary>
internal static class PlatformRequests
{
    public static async Task<T> GetAsync<T>(IHttpClientFactory http, WeChatOptions options, string endpoint, string accessToken, string query, CancellationToken ct)
        where T : PlatformResult
    {
        using var response = await http.CreateClient(PlatformHttp.ClientName).GetAsync(Url(options, endpoint, accessToken, query), ct).ConfigureAwait(false);
        return await PlatformHttp.ReadAsync<T>(response, endpoint, ct).ConfigureAwait(false);
    }

    public static async Task<T> PostAsync<T>(IHttpClientFactory http, WeChatOptions options, string endpoint, string accessToken, object body, CancellationToken ct)
        where T : PlatformResult
    {
        using var content = JsonContent.Create(body, body.GetType(), options: PlatformJson.Options);
        using var response = await http.CreateClient(PlatformHttp.ClientName).PostAsync(Url(options, endpoint, accessToken, ""), content, ct).ConfigureAwait(false);
        return await PlatformHttp.ReadAsync<T>(response, endpoint, ct).ConfigureAwait(false);
    }

    private static Uri Url(WeChatOptions options, string endpoint, string accessToken, string query) =>
        new(options.ApiBaseUrl, $"{endpoint}?access_token={Uri.EscapeDataString(accessToken)}{query}");
}
