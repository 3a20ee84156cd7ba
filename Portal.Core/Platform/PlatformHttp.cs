using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Platform;

/// <summary>What every platform client shares: the named HttpClient and reading <c>errcode</c>/<c>errmsg</c>.</summary>
public static class PlatformHttp
{
    public const string ClientName = "wechat-platform";

    /// <summary>Marks a request the resilience pipeline must not repeat (see <see cref="PlatformResilience"/>).</summary>
    public static readonly HttpRequestOptionsKey<bool> SendOnceKey = new("portal.platform.send-once");

    /// <summary>A POST of <paramref name="body"/> as JSON that is sent once: a message to a follower.</summary>
    public static HttpRequestMessage SendOnce(Uri url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Options.Set(SendOnceKey, true);
        return request;
    }

    /// <summary>Reads a JSON answer, throwing <see cref="WeChatApiException"/> for a non-zero errcode.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string endpoint, CancellationToken ct) where T : PlatformResult
    {
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<T>(ct).ConfigureAwait(false)
            ?? throw new JsonException($"{endpoint} answered an empty body.");
        if (body.ErrorCode != 0)
            throw new WeChatApiException(endpoint, body.ErrorCode, body.ErrorMessage);
        return body;
    }
}

/// <summary>The fields every platform answer may carry.</summary>
public record PlatformResult
{
    [JsonPropertyName("errcode")]
    public int ErrorCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrorMessage { get; init; }
}
