using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using Portal.Sandbox.Tokens;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Members;

/// <summary>
/// The sandbox's web-authorization API at <c>/sandbox/sns/…</c>: code exchange, refresh, user info and the
/// token check, answering with the platform's codes. A code and its tokens belong to the account that asked
/// for them, and name that account's OpenID of the person. The authorize page is <see cref="SandboxAuthorizePage"/>.
/// </summary>
public static class SandboxOAuthEndpoints
{
    public static IEndpointRouteBuilder MapSandboxOAuth(this IEndpointRouteBuilder endpoints)
    {
        var sns = endpoints.MapGroup(SandboxPaths.Prefix + "sns").ExcludeFromDescription();
        sns.MapGet("/oauth2/access_token", Exchange);
        sns.MapGet("/oauth2/refresh_token", Refresh);
        sns.MapGet("/userinfo", UserInfo);
        sns.MapGet("/auth", Auth);
        endpoints.MapSandboxAuthorizePage();
        return endpoints;
    }

    private static IResult Exchange(string? appid, string? secret, string? code, string? grant_type, SandboxOAuth oauth, SandboxAccounts accounts)
    {
        if (SandboxTokenEndpoints.CheckCredentials(appid, secret, accounts) is { } refused)
            return refused;
        if (grant_type != "authorization_code")
            return Error(PlatformErrors.InvalidGrantType, "invalid grant_type");
        var (error, grant, accessToken, refreshToken) = oauth.Exchange(appid!, code);
        return error switch
        {
            0 => TokenAnswer(grant!, accessToken!, refreshToken!),
            PlatformErrors.CodeUsed => Error(PlatformErrors.CodeUsed, "code been used"),
            _ => Error(PlatformErrors.InvalidCode, "invalid code"),
        };
    }

    private static IResult Refresh(string? appid, string? grant_type, string? refresh_token, SandboxOAuth oauth, SandboxAccounts accounts)
    {
        if (accounts.Find(appid) is null)
            return Error(PlatformErrors.InvalidAppId, "invalid appid");
        if (grant_type != "refresh_token")
            return Error(PlatformErrors.InvalidGrantType, "invalid grant_type");
        var (error, grant, accessToken) = oauth.Refresh(appid!, refresh_token);
        return error switch
        {
            0 => TokenAnswer(grant!, accessToken!, refresh_token!),
            PlatformErrors.RefreshTokenExpired => Error(PlatformErrors.RefreshTokenExpired, "refresh_token expired"),
            _ => Error(PlatformErrors.InvalidRefreshToken, "invalid refresh_token"),
        };
    }

    private static IResult UserInfo(string? access_token, string? openid, string? lang, SandboxOAuth oauth, SandboxWorld world)
    {
        var (error, grant) = oauth.Check(access_token, openid);
        if (error != 0)
            return Refused(error);
        // A token from a silent snsapi_base authorization is not allowed to read the profile.
        if (grant!.Scope != OAuthScopes.UserInfo)
            return Error(PlatformErrors.ApiUnauthorized, "api unauthorized");
        if (world.Find(grant.AppId)?.Followers.Find(grant.OpenId) is not { } person)
            return Error(PlatformErrors.InvalidOpenId, "invalid openid");
        return Json(new
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
        return error == 0 ? Ok() : Refused(error);
    }

    private static IResult TokenAnswer(SandboxOAuth.Grant grant, string accessToken, string refreshToken) => Json(new
    {
        access_token = accessToken,
        expires_in = (int)SandboxOAuth.TokenLifetime.TotalSeconds,
        refresh_token = refreshToken,
        openid = grant.OpenId,
        scope = grant.Scope,
        is_snapshotuser = 0,
    });

    private static IResult Refused(int code) => code == PlatformErrors.InvalidOpenId
        ? Error(PlatformErrors.InvalidOpenId, "invalid openid")
        : TokenRefused(code);
}
