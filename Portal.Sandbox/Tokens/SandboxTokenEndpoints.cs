using System.Text.Json.Serialization;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Tokens;

/// <summary>
/// The platform's access-token endpoints at <c>/sandbox/cgi-bin/…</c>, checking an account's AppId and
/// AppSecret as the platform does, and the token check every other endpoint makes.
/// </summary>
public static class SandboxTokenEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTokens(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/stable_token", StableToken);
        api.MapGet("/token", ClassicToken);
        api.MapGet("/get_api_domain_ip", ApiDomainIp);
        return endpoints;
    }

    private static IResult StableToken(StableTokenRequest request, SandboxTokens tokens, SandboxAccounts accounts)
    {
        if (request.GrantType != "client_credential")
            return Error(PlatformErrors.InvalidGrantType, "invalid grant_type");
        if (CheckCredentials(request.AppId, request.Secret, accounts) is { } refused)
            return refused;
        var (token, expiresIn) = tokens.Stable(request.AppId!, request.ForceRefresh);
        return Json(new { access_token = token, expires_in = expiresIn });
    }

    private static IResult ClassicToken(string? grant_type, string? appid, string? secret, SandboxTokens tokens, SandboxAccounts accounts)
    {
        if (grant_type != "client_credential")
            return Error(PlatformErrors.InvalidGrantType, "invalid grant_type");
        if (CheckCredentials(appid, secret, accounts) is { } refused)
            return refused;
        var (token, expiresIn) = tokens.Classic(appid!);
        return Json(new { access_token = token, expires_in = expiresIn });
    }

    private static IResult ApiDomainIp(string? access_token, SandboxTokens tokens)
    {
        var (code, _) = tokens.Check(access_token);
        return code != 0 ? TokenRefused(code) : Json(new { ip_list = new[] { "127.0.0.1" } });
    }

    /// <summary>Null when the AppId names an account the sandbox plays and the secret is that account's.</summary>
    internal static IResult? CheckCredentials(string? appId, string? secret, SandboxAccounts accounts)
    {
        if (accounts.Find(appId) is not { } account)
            return Error(PlatformErrors.InvalidAppId, "invalid appid");
        if (string.IsNullOrEmpty(secret) || secret != account.AppSecret)
            return Error(PlatformErrors.InvalidAppSecret, "invalid appsecret");
        return null;
    }

    private sealed record StableTokenRequest(
        [property: JsonPropertyName("grant_type")] string? GrantType,
        [property: JsonPropertyName("appid")] string? AppId,
        [property: JsonPropertyName("secret")] string? Secret,
        [property: JsonPropertyName("force_refresh")] bool ForceRefresh);
}
