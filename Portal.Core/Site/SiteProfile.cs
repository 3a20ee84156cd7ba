namespace Portal.Core.Site;

/// <summary>
/// The site as a whole: its name and introduction, the contact page's details and the home page's share
/// card. <see cref="MapLink"/> is a link to a map site showing the address (e.g. Tencent or Amap maps).
/// </summary>
public sealed record SiteProfile
{
    public string SiteName { get; init; } = "";
    public string Intro { get; init; } = "";
    public string Address { get; init; } = "";
    public string Phone { get; init; } = "";
    public string OpeningHours { get; init; } = "";
    public string MapLink { get; init; } = "";
    public ShareFields Share { get; init; } = new();

    /// <summary>What a site shows before anyone has filled in the profile.</summary>
    public static SiteProfile Empty { get; } = new() { SiteName = "Portal" };
}
