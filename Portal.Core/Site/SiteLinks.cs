using Portal.Core.Links;

namespace Portal.Core.Site;

/// <summary>
/// The site's stored URLs checked once more inside the editor, whoever calls it: the admin pages show the
/// operator <see cref="LinkAllowList"/>'s message for the field first, so reaching this refusal means a
/// caller skipped that check, and nothing unsafe is written either way.
/// </summary>
public static class SiteLinks
{
    public static void Require(string field, string? value, bool webAddressOnly = false)
    {
        if (LinkAllowList.ProblemWith(value, webAddressOnly) is { } problem)
            throw new ArgumentException($"{field}: {problem}", field);
    }

    public static void Require(Banner banner)
    {
        Require(nameof(Banner.ImageUrl), banner.ImageUrl);
        Require(nameof(Banner.Link), banner.Link);
    }

    public static void Require(NavItem item)
    {
        Require(nameof(NavItem.ImageUrl), item.ImageUrl);
        Require(nameof(NavItem.Link), item.Link);
    }

    public static void Require(ShareFields share) => Require("Share.Image", share.Image);
}
