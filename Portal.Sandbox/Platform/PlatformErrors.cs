namespace Portal.Sandbox.Platform;

/// <summary>
/// The platform's global return codes the sandbox answers with, and the platform's own wording for each,
/// which SDKs and forum threads quote. From the global return code page
/// (https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html), as summed
/// up in the project's protocol notes (A10). Codes of one feature live with it (menus, tags).
/// </summary>
public static class PlatformErrors
{
    public const int SystemBusy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidGrantType = 40002;
    public const int InvalidOpenId = 40003;
    public const int InvalidMessageType = 40008;
    public const int InvalidAppId = 40013;
    public const int InvalidCode = 40029;
    public const int InvalidRefreshToken = 40030;
    public const int InvalidOpenIdListSize = 40032;
    public const int InvalidTemplateId = 40037;
    public const int InvalidArgs = 40097;
    public const int InvalidAppSecret = 40125;
    public const int CodeUsed = 40163;
    public const int AccessTokenMissing = 41001;
    public const int AccessTokenExpired = 42001;
    public const int RefreshTokenExpired = 42002;
    public const int RequireSubscribe = 43004;
    public const int EmptyPostData = 44002;
    public const int ArticleSizeOutOfLimit = 45008;
    public const int DailyQuota = 45009;
    public const int ReplyWindowClosed = 45015;
    public const int DataFormat = 47001;
    public const int ApiUnauthorized = 48001;

    public static string Message(int code) => code switch
    {
        0 => "ok",
        SystemBusy => "system error",
        InvalidCredential => "invalid credential, access_token is invalid or not latest",
        InvalidGrantType => "invalid grant_type",
        InvalidOpenId => "invalid openid",
        InvalidMessageType => "invalid message type",
        InvalidAppId => "invalid appid",
        InvalidCode => "invalid code",
        InvalidRefreshToken => "invalid refresh_token",
        InvalidOpenIdListSize => "invalid openid list size",
        InvalidTemplateId => "invalid template_id",
        InvalidArgs => "invalid args",
        InvalidAppSecret => "invalid appsecret",
        CodeUsed => "code been used",
        AccessTokenMissing => "access_token missing",
        AccessTokenExpired => "access_token expired",
        RefreshTokenExpired => "refresh_token expired",
        RequireSubscribe => "require subscribe",
        EmptyPostData => "empty post data",
        ArticleSizeOutOfLimit => "article size out of limit",
        DailyQuota => "reach max api daily quota limit",
        ReplyWindowClosed => "response out of time limit or subscription is canceled",
        DataFormat => "data format error",
        ApiUnauthorized => "api unauthorized",
        _ => "invalid args",
    };
}
