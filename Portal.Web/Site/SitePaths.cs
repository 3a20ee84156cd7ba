namespace Portal.Web.Site;

/// <summary>The public site's addresses, where responses are compressed and cached.</summary>
public static class SitePaths
{
    public static bool IsPublic(PathString path) =>
        path == "/" || path.StartsWithSegments("/articles") || path.StartsWithSegments("/p") || path.StartsWithSegments("/contact");

    /// <summary>An absolute URL for an image, as WeChat's share card needs; null stays null.</summary>
    public static string? Absolute(Hosting.PublicAddress site, string? url) =>
        string.IsNullOrWhiteSpace(url) ? null
        // On Linux "/media/x.png" parses as an absolute file:// URI: only http(s) counts as absolute here.
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.ToString()
        : site.Absolute(url).ToString();
}
