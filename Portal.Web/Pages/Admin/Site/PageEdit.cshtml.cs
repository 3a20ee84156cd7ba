using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

public sealed partial class PageEditModel(SiteStore store, SiteEditor editor) : PageModel
{
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? PageTitle { get; set; }
    [BindProperty] public string? BodyHtml { get; set; }
    [BindProperty] public ShareForm Share { get; set; } = new();

    public long? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is null)
            return Page();
        if (await store.GetPageAsync(HttpContext.AdminAccount().Id, id.Value, ct: ct) is not { } page)
            return NotFound();
        (Id, Slug, PageTitle, BodyHtml, Share) = (page.Id, page.Slug, page.Title, page.BodyHtml, ShareForm.From(page.Share));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        var slug = Slug?.Trim().ToLowerInvariant() ?? "";
        if (!SlugPattern().IsMatch(slug))
            ModelState.AddModelError(nameof(Slug), "Use lower-case letters, digits and dashes, e.g. about-us.");
        if (string.IsNullOrWhiteSpace(PageTitle))
            ModelState.AddModelError(nameof(PageTitle), "Enter a title.");
        Share.Check(ModelState);
        if (!ModelState.IsValid)
            return Page();
        var result = await editor.SavePageAsync(User.AuditActor(), HttpContext.AdminAccount().Id, new SitePage
        {
            Id = id ?? 0, Slug = slug, Title = PageTitle!.Trim(), BodyHtml = BodyHtml ?? "", Share = Share.ToFields(),
        }, ct);
        if (result.Id is not { } saved)
        {
            ModelState.AddModelError(nameof(Slug), result.Problem!);
            return Page();
        }
        TempData.Tell("page.saved", "Page saved. Followers see it now.");
        return Redirect($"/admin/site/pages/edit/{saved}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        await editor.DeletePageAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        TempData.Tell("page.deleted", "Page deleted.");
        return Redirect("/admin/site/pages");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
