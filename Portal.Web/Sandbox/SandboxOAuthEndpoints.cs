using Microsoft.Extensions.Options;
using Portal.Core.Platform;
using Portal.Core.WeChat;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's web-authorization API at <c>/sandbox/sns/…</c>: code exchange, refresh, user info and the
/// token check, answering with the platform's codes. The authorize page is <see cref="SandboxAuthorizePage"/>.
/// </summary>
public static class SandboxOAuthEndpoints
{
    public static IEndpointRouteBuilder MapSandboxOAuth(this IEndpointRouteBuilder endpoints)
    {
        var sns = endpoints.MapGroup(SandboxPlatformEndpoints.Prefix + "sns").ExcludeFromDescription();
        sns.MapGet("/oauth2/access_token", Exchange);
        sns.MapGet("/oauth2/refresh_token", Refresh);
        sns.MapGet("/userinfo", UserInfo);
        sns.MapGet("/auth", Auth);
        endpoints.MapSandboxAuthorizePage();
        return endpoints;
    }

    private static IResult Exchange(string? appid, string? secret, string? code, string? grant_type, SandboxOAuth oauth, IOptions<WeChatOptions> account)
    {
        if (appid != account.Value.AppId)
            return SandboxAnswers.Error(40013, "invalid appid");
        if (string.IsNullOrEmpty(secret) || secret != account.Value.AppSecret)
            return SandboxAnswers.Error(40125, "invalid appsecret");
        if (grant_type != "authorization_code")
            return SandboxAnswers.Error(40002, "invalid grant_type");
        var (error, grant, accessToken, refreshToken) = oauth.Exchange(appid, code);
        return error switch
        {
            0 => TokenAnswer(grant!, accessToken!, refreshToken!),
            40163 => SandboxAnswers.Error(40163, "code been used"),
            _ => SandboxAnswers.Error(40029, "invalid code"),
        };
    }

    private static IResult Refresh(string? appid, string? grant_type, string? refresh_token, SandboxOAuth oauth, IOptions<WeChatOptions> account)
    {
        if (appid != account.Value.AppId)
            return SandboxAnswers.Error(40013, "invalid appid");
        if (grant_type != "refresh_token")
            return SandboxAnswers.Error(40002, "invalid grant_type");
        var (error, grant, accessToken) = oauth.Refresh(appid, refresh_token);
        return error switch
        {
            0 => TokenAnswer(grant!, accessToken!, refresh_token!),
            42002 => SandboxAnswers.Error(42002, "refresh_token expired"),
            _ => SandboxAnswers.Error(40030, "invalid refresh_token"),
        };
    }

    private static IResult UserInfo(string? access_token, string? openid, string? lang, SandboxOAuth oauth, SandboxFollowers followers)
    {
        var (error, grant) = oauth.Check(access_token, openid);
        if (error != 0)
            return Refused(error);
        // A token from a silent snsapi_base authorization is not allowed to read the profile.
        if (grant!.Scope != OAuthScopes.UserInfo)
            return SandboxAnswers.Error(48001, "api unauthorized");
        if (followers.Find(grant.OpenId) is not { } person)
            return SandboxAnswers.Error(40003, "invalid openid");
        return Results.Json(new
        {
            openid = person.OpenId,
            nickname = person.Nickname,
            sex = person.Sex,
            province = person.Province,
            city = person.City,
            country = person.Country,
            headimgurl = person.HeadImgUrl,
            privilege = Array.Empty<string>(),
            language = lang ?? "zh_CN",
        });
    }

    private static IResult Auth(string? access_token, string? openid, SandboxOAuth oauth)
    {
        var (error, _) = oauth.Check(access_token, openid);
        return error == 0 ? SandboxAnswers.Error(0, "ok") : Refused(error);
    }

    private static IResult TokenAnswer(SandboxOAuth.Grant grant, string accessToken, string refreshToken) => Results.Json(new
    {
        access_token = accessToken,
        expires_in = (int)SandboxOAuth.TokenLifetime.TotalSeconds,
        refresh_token = refreshToken,
        openid = grant.OpenId,
        scope = grant.Scope,
        is_snapshotuser = 0,
    });

    private static IResult Refused(int code) => code == 40003
        ? SandboxAnswers.Error(40003, "invalid openid")
        : SandboxAnswers.TokenRefused(code);
}
