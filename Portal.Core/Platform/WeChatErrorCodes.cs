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
    public const int InvalidOAuthCode = 40029;
    public const int OAuthCodeUsed = 40163;
    public const int DailyQuotaReached = 45009;

    /// <summary>The follower's 48-hour customer-service window is closed (or they unfollowed).</summary>
    public const int ReplyWindowClosed = 45015;
    public const int ReplyQuotaUsedUp = 45047;
    public const int ApiUnauthorized = 48001;

    /// <summary>The codes that mean "this token no longer works": invalidate it, fetch another, retry once.</summary>
    public static bool IsTokenInvalid(int code) => code is InvalidCredential or InvalidAccessToken or AccessTokenExpired;

    /// <summary>Worth retrying later with backoff; every other non-zero code is a business answer.</summary>
    public static bool IsTransient(int code) => code == SystemBusy;
}
