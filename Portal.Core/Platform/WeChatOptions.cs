using Portal.Core.Accounts;

namespace Portal.Core.Platform;

/// <summary>
/// The <c>WeChat</c> section: the first (default) Official Account on <c>AppId</c>, <c>Token</c>, …, further
/// accounts under <see cref="Accounts"/>, and the platform settings every account shares. Code that acts for
/// an account takes a <see cref="WeChatAccount"/> from the <see cref="AccountDirectory"/>; only the shared
/// settings are read from here. AppSecret and EncodingAESKey are secrets: set them as environment variables
/// (<c>WeChat__AppSecret</c>) or user-secrets, never in a committed file; they are never logged.
/// </summary>
public sealed class WeChatOptions
{
    public const string SectionName = "WeChat";

    /// <summary>The account's AppID, <c>wx</c> followed by 16 hexadecimal characters.</summary>
    public string AppId { get; set; } = "";

    /// <summary>Needed for the platform API (tokens, menus, customer-service messages); the webhook runs without it.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The server-configuration Token from the WeChat console (3–32 letters and digits).</summary>
    public string Token { get; set; } = "";

    /// <summary>43 base64 characters; empty when the account runs in plaintext mode.</summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>What operators call the default account; its AppId when empty.</summary>
    public string Name { get; set; } = "";

    /// <summary>Further accounts, <c>WeChat:Accounts:0:AppId</c> and so on; each answers at <c>{Messaging:Path}/{AppId}</c>.</summary>
    public List<WeChatAccountSettings> Accounts { get; set; } = [];

    /// <summary>The platform API (<c>/cgi-bin/…</c>, <c>/sns/…</c>).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.weixin.qq.com/");

    /// <summary>The OAuth authorize page's host.</summary>
    public Uri OpenBaseUrl { get; set; } = new("https://open.weixin.qq.com/");

    /// <summary>The host that shows QR-code images (<c>/cgi-bin/showqrcode</c>).</summary>
    public Uri MpBaseUrl { get; set; } = new("https://mp.weixin.qq.com/");

    /// <summary>WeChat Pay APIv3.</summary>
    public Uri PayBaseUrl { get; set; } = new("https://api.mch.weixin.qq.com/");

    /// <summary>How long before the platform's expiry an access token is replaced (a 7200 s token is used for 6600 s).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times an idempotent platform call is tried again after a transient failure.</summary>
    public int ApiRetries { get; set; } = 3;

    /// <summary>The first pause before a retry; later ones double, with jitter.</summary>
    public TimeSpan ApiRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one try of a platform call may take.</summary>
    public TimeSpan ApiAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a platform call may take with its retries; stays below the token broker's 40-second lock
    /// so a refresher never outlives its lock.
    /// </summary>
    public TimeSpan ApiTotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public override string ToString() => $"WeChat account {AppId}"; // never the secrets
}
