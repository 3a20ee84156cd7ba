namespace Portal.Sandbox;

/// <summary>
/// The built-in stand-in for the WeChat platform. On in Development (appsettings.Development.json),
/// off by default, and refused in Production.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public bool Enabled { get; set; }

    /// <summary>Where this app itself is reached, so that its platform client can call its own sandbox.</summary>
    public Uri SelfUrl { get; set; } = new("http://localhost:5080/");

    /// <summary>
    /// Whether this process plays the WeChat platform. Unset, it does when it listens at <see cref="SelfUrl"/>
    /// (see <see cref="Platform.SandboxPlatformRole"/>); set it where that cannot be told, e.g. behind a balancer or
    /// in containers reached by service name: true on the one process that plays, false on the others.
    /// </summary>
    public bool? PlaysPlatform { get; set; }

    /// <summary>
    /// Where the platform pushes followers' messages, as the server URL entered in WeChat's console. Unset,
    /// it is <see cref="SelfUrl"/> plus <see cref="WebhookPath"/>; a platform played by a separate process points
    /// it at the instances' balancer.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// The folder the sandbox keeps its state in (followers, menus, chats, the generated account). Empty, it is
    /// the host's data folder, which Portal.Web sets: the platform's memory sits beside Portal's own database.
    /// </summary>
    public string DataFolder { get; set; } = "";

    /// <summary>
    /// The path of the account's webhook on the server, from Portal's <c>Messaging:Path</c> setting (the
    /// configuration key, not Portal's class). Account N's pushes go to this path plus <c>/{AppId}</c>.
    /// </summary>
    public string WebhookPath { get; set; } = "/wx";

    /// <summary>How long the sandbox's access tokens last (the platform's are two hours; tests shorten it).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// OpenIDs per page of the follower list (user/get). The platform's are 10 000; a smaller page lets a
    /// developer (or a test) watch a sync of a few thousand followers go page by page and resume.
    /// </summary>
    public int UserListPageSize { get; set; } = Followers.PlatformUserRules.PageSize;

    /// <summary>The first account's name, shown where WeChat shows the account's (the OAuth consent page).</summary>
    public string AccountName { get; set; } = "Portal Sandbox";

    /// <summary>Seed a greeting, a keyword, menu replies and a menu into an empty account on first start.</summary>
    public bool StarterKit { get; set; }

    /// <summary>
    /// How the phone page delivers to the webhook, as chosen in the WeChat console: <c>Auto</c> is safe
    /// mode when an EncodingAESKey is set and plaintext otherwise.
    /// </summary>
    public SandboxPushMode WebhookMode { get; set; } = SandboxPushMode.Auto;

    /// <summary>How long WeChat waits for the webhook before it gives up on an attempt.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>WeChat sends a message up to three times when the webhook does not answer in time.</summary>
    public int WebhookAttempts { get; set; } = 3;

    /// <summary>
    /// Calls allowed per endpoint and day, keyed by the path after <c>cgi-bin/</c> (configure as
    /// <c>Sandbox:DailyQuotas:menu/get</c>). Menu, user and QR-code quotas are the platform's for an
    /// ordinary account (https://developers.weixin.qq.com/doc/offiaccount/en/Message_Management/API_Call_Limits.html);
    /// that page lists no tag quotas, so tags get a generous one. An endpoint not listed has no quota.
    /// </summary>
    public Dictionary<string, int> DailyQuotas { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["menu/create"] = 1_000,
        ["menu/get"] = 10_000,
        ["menu/delete"] = 1_000,
        ["menu/addconditional"] = 2_000,
        ["menu/delconditional"] = 2_000,
        ["menu/trymatch"] = 20_000,
        ["user/info"] = 5_000_000,
        ["user/info/batchget"] = 5_000_000,
        ["user/get"] = 500,
        ["user/info/updateremark"] = 10_000,
        ["tags/create"] = 100_000,
        ["tags/get"] = 100_000,
        ["tags/update"] = 100_000,
        ["tags/delete"] = 100_000,
        ["tags/members/batchtagging"] = 100_000,
        ["tags/members/batchuntagging"] = 100_000,
        ["tags/getidlist"] = 100_000,
        ["user/tag/get"] = 100_000,
        ["qrcode/create"] = 100_000,
    };
}

/// <summary>The console's three message encryption modes, plus <c>Auto</c>.</summary>
public enum SandboxPushMode
{
    Auto,
    Plaintext,
    Compatible,
    Safe,
}
