namespace Portal.Core.Platform;

/// <summary>
/// The platform's error codes that Portal acts on
/// (https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).
/// </summary>
public static class WeChatErrorCodes
{
    public const int SystemBusy = -1;
    public const int Ok = 0;

    /// <summary>AppSecret wrong, or the access token is invalid or not the latest.</summary>
    public const int InvalidCredential = 40001;
    public const int InvalidAccessToken = 40014;
    public const int AccessTokenExpired = 42001;

    /// <summary>grant_type is not the one the endpoint expects.</summary>
    public const int InvalidGrantType = 40002;

    /// <summary>The openid is unknown to this account (or does not match the OAuth token).</summary>
    public const int InvalidOpenId = 40003;

    /// <summary>The appid is not a known account.</summary>
    public const int InvalidAppId = 40013;

    /// <summary>The AppSecret does not belong to the appid.</summary>
    public const int InvalidAppSecret = 40125;

    /// <summary>OAuth: the code is unknown, expired, or was issued to another account.</summary>
    public const int InvalidOAuthCode = 40029;

    /// <summary>OAuth: the code was already exchanged (each code is single use; a double callback reuses it).</summary>
    public const int OAuthCodeUsed = 40163;

    /// <summary>OAuth: the refresh_token is unknown.</summary>
    public const int InvalidRefreshToken = 40030;

    /// <summary>OAuth: the refresh_token's 30 days are over; the follower must authorize again.</summary>
    public const int RefreshTokenExpired = 42002;

    /// <summary>OAuth: the code's five minutes are over (the sandbox answers 40029, as the platform mostly does).</summary>
    public const int OAuthCodeExpired = 42003;

    /// <summary>The template_id is not among the account's templates.</summary>
    public const int InvalidTemplateId = 40037;

    /// <summary>The recipient must follow the account (template messages to a non-follower).</summary>
    public const int RequireSubscribe = 43004;
    public const int DailyQuotaReached = 45009;

    /// <summary>The follower's 48-hour customer-service window is closed (or they unfollowed).</summary>
    public const int ReplyWindowClosed = 45015;
    public const int ReplyQuotaUsedUp = 45047;

    /// <summary>
    /// The API is not authorized for this caller; also what <c>sns/userinfo</c> answers for a token from
    /// an snsapi_base authorization (https://cnblogs.com/gaosf/p/11206060.html).
    /// </summary>
    public const int ApiUnauthorized = 48001;

    /// <summary>The codes that mean "this token no longer works": invalidate it, fetch another, retry once.</summary>
    public static bool IsTokenInvalid(int code) => code is InvalidCredential or InvalidAccessToken or AccessTokenExpired;

    /// <summary>Worth retrying later with backoff; every other non-zero code is a business answer.</summary>
    public static bool IsTransient(int code) => code == SystemBusy;
}
