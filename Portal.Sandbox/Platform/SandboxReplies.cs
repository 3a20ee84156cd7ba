using System.Text.Json;

namespace Portal.Sandbox.Platform;

/// <summary>
/// How the sandbox's API endpoints answer, as the platform does: HTTP 200 with a JSON body, errors as
/// <c>errcode</c>/<c>errmsg</c>, Chinese text as UTF-8.
/// </summary>
internal static class SandboxReplies
{
    public static IResult Json(object body) => Results.Json(body, SandboxJson.Options);

    /// <summary>The platform answers errors with HTTP 200 and a JSON body.</summary>
    public static IResult Error(int code, string message) => Json(new { errcode = code, errmsg = message });

    public static IResult Ok() => Error(0, "ok");

    /// <summary>The answer for an access token refused with <paramref name="code"/>.</summary>
    public static IResult TokenRefused(int code) => Error(code, PlatformErrors.Message(code));

    /// <summary>
    /// Reads a JSON body the platform's way: an empty body is 44002, one that does not parse 47001 (where
    /// ASP.NET's own binding would answer 400, which the platform never does).
    /// </summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength == 0)
            return (null, Error(PlatformErrors.EmptyPostData, "empty post data"));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, SandboxJson.Options, request.HttpContext.RequestAborted);
            return body is null ? (null, Error(PlatformErrors.EmptyPostData, "empty post data")) : (body, null);
        }
        catch (JsonException)
        {
            return (null, Error(PlatformErrors.DataFormat, "data format error"));
        }
    }
}
