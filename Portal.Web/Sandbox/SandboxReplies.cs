using System.Text.Json;
using Portal.Core.Platform;

namespace Portal.Web.Sandbox;

/// <summary>
/// How the sandbox's API endpoints answer, as the platform does: HTTP 200 with a JSON body, errors as
/// <c>errcode</c>/<c>errmsg</c>, Chinese text as UTF-8.
/// </summary>
internal static class SandboxReplies
{
    public static IResult Json(object body) => Results.Json(body, PlatformJson.Options);

    public static IResult Error(int code, string message) => Json(new { errcode = code, errmsg = message });

    public static IResult Ok() => Error(0, "ok");

    /// <summary>Null when the token works, else the platform's refusal.</summary>
    public static IResult? RefuseToken(SandboxTokens tokens, string? accessToken) => tokens.Check(accessToken) switch
    {
        0 => null,
        41001 => Error(41001, "access_token missing"),
        42001 => Error(42001, "access_token expired"),
        var code => Error(code, "invalid credential, access_token is invalid or not latest"),
    };

    /// <summary>
    /// Reads a JSON body the platform's way: an empty body is 44002, one that does not parse 47001 (where
    /// ASP.NET's own binding would answer 400, which the platform never does).
    /// </summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength == 0)
            return (null, Error(44002, "empty post data"));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, PlatformJson.Options, request.HttpContext.RequestAborted);
            return body is null ? (null, Error(44002, "empty post data")) : (body, null);
        }
        catch (JsonException)
        {
            return (null, Error(47001, "data format error"));
        }
    }
}
