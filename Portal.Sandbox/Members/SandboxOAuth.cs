using System.Collections.Concurrent;
using System.Security.Cryptography;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Members;

/// <summary>
/// The sandbox platform's web-authorization state, with the platform's rules: a code is random, bound to
/// the account that asked for it, works once and for five minutes; the OAuth access token lasts two hours
/// and its refresh token thirty days
/// (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// </summary>
public sealed class SandboxOAuth(TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, Code> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new(StringComparer.Ordinal);

    /// <summary>What a code or token stands for: who authorized which account, with which scope, until when.</summary>
    public sealed record Grant(string AppId, string OpenId, string Scope, DateTimeOffset ExpiresAt);

    private sealed record Code(Grant Grant)
    {
        public int Used;
    }

    public string IssueCode(string appId, string openId, string scope)
    {
        var code = Random(24);
        _codes[code] = new Code(new Grant(appId, openId, scope, time.GetUtcNow() + CodeLifetime));
        return code;
    }

    /// <summary>0 and the new token and refresh token, or the platform's code for why not.</summary>
    public (int Error, Grant? Grant, string? AccessToken, string? RefreshToken) Exchange(string appId, string? code)
    {
        if (code is null || !_codes.TryGetValue(code, out var issued) || issued.Grant.AppId != appId)
            return (PlatformErrors.InvalidCode, null, null, null);
        if (issued.Grant.ExpiresAt <= time.GetUtcNow())
            return (PlatformErrors.InvalidCode, null, null, null);
        if (Interlocked.Exchange(ref issued.Used, 1) == 1)
            return (PlatformErrors.CodeUsed, null, null, null);
        var refresh = Random(32);
        _refreshTokens[refresh] = issued.Grant with { ExpiresAt = time.GetUtcNow() + RefreshLifetime };
        var (access, grant) = Mint(issued.Grant);
        return (0, grant, access, refresh);
    }

    /// <summary>A new access token from a refresh token: 40030 unknown, 42002 expired.</summary>
    public (int Error, Grant? Grant, string? AccessToken) Refresh(string appId, string? refreshToken)
    {
        if (refreshToken is null || !_refreshTokens.TryGetValue(refreshToken, out var grant) || grant.AppId != appId)
            return (PlatformErrors.InvalidRefreshToken, null, null);
        if (grant.ExpiresAt <= time.GetUtcNow())
            return (PlatformErrors.RefreshTokenExpired, null, null);
        var (access, minted) = Mint(grant);
        return (0, minted, access);
    }

    /// <summary>0 and the grant when the token works for <paramref name="openId"/>; else 41001, 40001, 42001 or 40003.</summary>
    public (int Error, Grant? Grant) Check(string? accessToken, string? openId)
    {
        if (string.IsNullOrEmpty(accessToken))
            return (PlatformErrors.AccessTokenMissing, null);
        if (!_tokens.TryGetValue(accessToken, out var grant))
            return (PlatformErrors.InvalidCredential, null);
        if (grant.ExpiresAt <= time.GetUtcNow())
            return (PlatformErrors.AccessTokenExpired, null);
        if (grant.OpenId != openId)
            return (PlatformErrors.InvalidOpenId, null);
        return (0, grant);
    }

    private (string Token, Grant Grant) Mint(Grant source)
    {
        var token = Random(48);
        var grant = source with { ExpiresAt = time.GetUtcNow() + TokenLifetime };
        _tokens[token] = grant;
        return (token, grant);
    }

    private static string Random(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}

/// <summary>The two scopes of web authorization.</summary>
public static class OAuthScopes
{
    /// <summary>Silent: yields the OpenID only.</summary>
    public const string Base = "snsapi_base";

    /// <summary>Asks the person's consent, then allows <c>sns/userinfo</c>.</summary>
    public const string UserInfo = "snsapi_userinfo";

    public static bool IsKnown(string? scope) => scope is Base or UserInfo;
}
