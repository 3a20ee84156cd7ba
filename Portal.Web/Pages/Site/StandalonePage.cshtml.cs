using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Site;
using Portal.Web.Accounts;
using Portal.Web.Site;

namespace Portal.Web.Pages.Site;

[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class StandalonePageModel(SiteStore store) : SitePageModel
{
    public SitePage SitePage { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await store.GetPageBySlugAsync(HttpContext.PageAccount().Id, slug, ct) is not { } page)
            return NotFound();
        SitePage = page;
        var profile = await store.GetProfileAsync(HttpContext.PageAccount().Id, ct: ct);
        SetShareCard(page.Share, page.Title, profile.SiteName, profile.Share.Image, $"/p/{page.Slug}");
        return Page();
    }
}
