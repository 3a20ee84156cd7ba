using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>
/// An article or page as followers will see it, published or not, for the editor's phone-sized preview.
/// Never cached: it is behind the operators' sign-in.
/// </summary>
public sealed class PreviewModel(SiteStore store) : PageModel
{
    public Article? Article { get; private set; }
    public SitePage? SitePage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct)
    {
        if (kind == "article")
            Article = await store.GetArticleAsync(HttpContext.AdminAccount().Id, id, ct: ct);
        else if (kind == "page")
            SitePage = await store.GetPageAsync(HttpContext.AdminAccount().Id, id, ct: ct);
        if (Article is null && SitePage is null)
            return NotFound();
        ViewData["Title"] = Article?.Title ?? SitePage!.Title;
        return Page();
    }
}
