namespace Portal.Web.Sandbox;

/// <summary>
/// The built-in stand-in for the WeChat platform. On in Development (appsettings.Development.json),
/// off by default, and refused in Production.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public bool Enabled { get; set; }
}
