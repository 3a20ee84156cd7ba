using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's stand-in for the platform API at <c>/sandbox/cgi-bin/…</c>, speaking the real wire format
/// (JSON with <c>errcode</c>/<c>errmsg</c>) and checking credentials and tokens as the platform does.
/// </summary>
public static class SandboxPlatformEndpoints
{
    public const string Prefix = "/sandbox/";

    public static IEndpointRouteBuilder MapSandboxPlatform(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/stable_token", StableToken);
        api.MapGet("/token", ClassicToken);
        api.MapGet("/get_api_domain_ip", ApiDomainIp);
        api.MapPost("/message/custom/send", CustomSend);
        return endpoints;
    }

    private static IResult StableToken(StableTokenRequest request, SandboxTokens tokens, IOptions<WeChatOptions> account)
    {
        if (request.GrantType != "client_credential")
            return Error(40002, "invalid grant_type");
        if (CheckCredentials(request.AppId, request.Secret, account.Value) is { } refused)
            return refused;
        var (token, expiresIn) = tokens.Stable(request.ForceRefresh);
        return Results.Json(new { access_token = token, expires_in = expiresIn });
    }

    private static IResult ClassicToken(string? grant_type, string? appid, string? secret, SandboxTokens tokens, IOptions<WeChatOptions> account)
    {
        if (grant_type != "client_credential")
            return Error(40002, "invalid grant_type");
        if (CheckCredentials(appid, secret, account.Value) is { } refused)
            return refused;
        var (token, expiresIn) = tokens.Classic();
        return Results.Json(new { access_token = token, expires_in = expiresIn });
    }

    private static IResult ApiDomainIp(string? access_token, SandboxTokens tokens)
    {
        var code = tokens.Check(access_token);
        return code != 0 ? Error(code, TokenMessage(code)) : Results.Json(new { ip_list = new[] { "127.0.0.1" } });
    }

    private static readonly HashSet<string> CustomTypes = ["text", "image", "voice", "video", "music", "news", "mpnews", "mpnewsarticle", "msgmenu", "wxcard", "miniprogrampage"];

    private static IResult CustomSend(string? access_token, JsonElement body, SandboxTokens tokens, SandboxInbox inbox)
    {
        var code = tokens.Check(access_token);
        if (code != 0)
            return Error(code, TokenMessage(code));
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("touser", out var to) || to.GetString() is not { Length: > 0 } openId
            || !body.TryGetProperty("msgtype", out var type) || type.GetString() is not { } msgType)
            return Error(47001, "data format error");
        if (!CustomTypes.Contains(msgType) || !body.TryGetProperty(msgType, out var message))
            return Error(40008, "invalid message type");
        if (msgType == "news" && message.TryGetProperty("articles", out var articles) && articles.GetArrayLength() > 1)
            return Error(45008, "article size out of limit");
        var result = inbox.DeliverCustomerService(openId, msgType, message);
        return result switch
        {
            0 => Error(0, "ok"),
            -1 => Error(-1, "system error"),
            40003 => Error(40003, "invalid openid"),
            _ => Error(result, "response out of time limit or subscription is canceled"),
        };
    }

    private static IResult? CheckCredentials(string? appId, string? secret, WeChatOptions account)
    {
        if (appId != account.AppId)
            return Error(40013, "invalid appid");
        if (string.IsNullOrEmpty(secret) || secret != account.AppSecret)
            return Error(40125, "invalid appsecret");
        return null;
    }

    private static string TokenMessage(int code) => code switch
    {
        41001 => "access_token missing",
        42001 => "access_token expired",
        _ => "invalid credential, access_token is invalid or not latest",
    };

    /// <summary>The platform answers errors with HTTP 200 and a JSON body.</summary>
    private static IResult Error(int code, string message) => Results.Json(new { errcode = code, errmsg = message });

    private sealed record StableTokenRequest(
        [property: JsonPropertyName("grant_type")] string? GrantType,
        [property: JsonPropertyName("appid")] string? AppId,
        [property: JsonPropertyName("secret")] string? Secret,
        [property: JsonPropertyName("force_refresh")] bool ForceRefresh);
}
