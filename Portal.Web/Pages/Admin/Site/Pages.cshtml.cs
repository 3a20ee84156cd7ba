using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

public sealed class PagesModel(SiteStore store) : PageModel
{
    public IReadOnlyList<SitePage> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Pages = await store.ListPagesAsync(HttpContext.AdminAccount().Id, ct);
}
