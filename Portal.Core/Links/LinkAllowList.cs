namespace Portal.Core.Links;

/// <summary>
/// The one rule for every URL Portal stores and later puts in a page (banner and grid links and images,
/// share images, covers, the contact page's map, menu buttons, reply cards): a web address (http or https)
/// or a path on this site starting with a single <c>/</c>. Anything else can run script in the site's
/// origin (<c>javascript:</c>, <c>vbscript:</c>, <c>data:</c>) or leave for another host looking like a
/// path (<c>//evil</c>, <c>/\evil</c>), so it is refused when saved and dropped again when rendered, in
/// case a row was written some other way.
/// </summary>
/// <remarks>
/// Browsers strip leading and trailing spaces and control characters and ignore tabs and newlines inside a
/// URL (<c>java&#9;script:</c> is <c>javascript:</c>), and read <c>\</c> as <c>/</c>. Only the outer
/// whitespace is trimmed here; whitespace, control or invisible format characters and backslashes inside
/// are refused rather than cleaned, so what is stored is exactly what the browser will follow.
/// </remarks>
public static class LinkAllowList
{
    /// <summary>What an operator reads when a field that also takes site paths is refused.</summary>
    public const string Problem = "Enter a web address starting with https:// (or http://), or a path on this site starting with / (such as /articles).";

    /// <summary>What an operator reads when a field needs a full web address (WeChat opens it, or it leaves the site).</summary>
    public const string WebAddressProblem = "Enter a full web address starting with https:// (or http://).";

    /// <summary>The trimmed value when it is a web address or a site path; else null (empty input included).</summary>
    public static string? Clean(string? value) => Read(value, sitePathAllowed: true);

    /// <summary>The trimmed value when it is an absolute http(s) address; else null.</summary>
    public static string? CleanWebAddress(string? value) => Read(value, sitePathAllowed: false);

    public static bool IsWebAddress(string? value) => CleanWebAddress(value) is not null;

    /// <summary>
    /// For an optional field being saved: null when it is empty or allowed, else the message to show.
    /// </summary>
    public static string? ProblemWith(string? value, bool webAddressOnly = false) =>
        string.IsNullOrWhiteSpace(value) || Read(value, !webAddressOnly) is not null ? null
        : webAddressOnly ? WebAddressProblem : Problem;

    private static string? Read(string? value, bool sitePathAllowed)
    {
        if (value is null)
            return null;
        var url = value.Trim().Trim(ControlCharacters);
        if (url.Length == 0)
            return null;
        foreach (var c in url)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format || c == '\\')
                return null;
        }
        if (url[0] == '/')
            return sitePathAllowed && (url.Length == 1 || url[1] != '/') ? url : null;
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return null;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? url : null;
    }

    private static readonly char[] ControlCharacters = Enumerable.Range(0, 0x21).Select(i => (char)i).Append('\u007f').ToArray();
}
