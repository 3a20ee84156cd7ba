namespace Portal.Web.Sandbox;

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

    /// <summary>How long the sandbox's access tokens last (the platform's are two hours; tests shorten it).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The sandbox account's name, shown where WeChat shows the account's (the OAuth consent page).</summary>
    public string AccountName { get; set; } = "Portal Sandbox";
}
