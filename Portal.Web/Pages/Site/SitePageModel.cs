using PageModel = Microsoft.AspNetCore.Mvc.RazorPages.PageModel;
using Portal.Core.Links;
using Portal.Core.Site;
using Portal.Web.Site;

namespace Portal.Web.Pages.Site;

/// <summary>What every public page of the site does: names itself and declares its share card.</summary>
public abstract class SitePageModel : PageModel
{
    protected void SetShareCard(ShareFields fields, string title, string description, string? image, string? canonicalPath = null)
    {
        var (shareTitle, shareDescription, shareImage) = fields.Or(title, description, image);
        // Asked of the request's services because page models of the site are built by subclasses whose
        // constructors would otherwise all have to pass it on.
        var site = HttpContext.RequestServices.GetRequiredService<Hosting.PublicAddress>();
        ViewData["Title"] = title;
        // The share image is stored operator input like any link: only an allowed one reaches the page.
        ViewData["Share"] = new ShareCard(shareTitle, shareDescription, SitePaths.Absolute(site, LinkAllowList.Clean(shareImage)),
            // Under the page's account prefix (the path base), so a shared link opens the same account's page.
            canonicalPath is null ? null : SitePaths.Absolute(site, HttpContext.Request.PathBase + canonicalPath));
    }
}
