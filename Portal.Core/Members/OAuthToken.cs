using System.Text.Json.Serialization;
using Portal.Core.Platform;

namespace Portal.Core.Members;

/// <summary>
/// A web-authorization token: not the account's access token, but one follower's, for <c>sns/userinfo</c>.
/// It lasts two hours; its refresh token thirty days.
/// </summary>
public sealed record OAuthToken : PlatformResult
{
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = "";

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string RefreshToken { get; init; } = "";

    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = "";

    /// <summary><c>snsapi_base</c> or <c>snsapi_userinfo</c> (comma-separated when both were granted).</summary>
    [JsonPropertyName("scope")]
    public string Scope { get; init; } = "";

    /// <summary>Present when the account is bound to an Open Platform account.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    /// <summary>
    /// 1 when the page was opened in WeChat's "snapshot" mode (a shared page viewed before signing in): the
    /// openid is a virtual one and must not be treated as a member.
    /// </summary>
    [JsonPropertyName("is_snapshotuser")]
    public int IsSnapshotUser { get; init; }
}

/// <summary>What <c>sns/userinfo</c> tells about the person who authorized with snsapi_userinfo.</summary>
public sealed record OAuthUserInfo : PlatformResult
{
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = "";

    [JsonPropertyName("nickname")]
    public string Nickname { get; init; } = "";

    /// <summary>0 unknown, 1 male, 2 female.</summary>
    [JsonPropertyName("sex")]
    public int Sex { get; init; }

    [JsonPropertyName("province")]
    public string Province { get; init; } = "";

    [JsonPropertyName("city")]
    public string City { get; init; } = "";

    [JsonPropertyName("country")]
    public string Country { get; init; } = "";

    [JsonPropertyName("headimgurl")]
    public string HeadImgUrl { get; init; } = "";

    [JsonPropertyName("privilege")]
    public IReadOnlyList<string> Privilege { get; init; } = [];

    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }
}
