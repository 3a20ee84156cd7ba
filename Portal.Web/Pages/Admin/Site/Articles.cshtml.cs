using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>All articles, published or not, and the categories they are filed under.</summary>
public sealed class ArticlesModel(SiteStore store, SiteEditor editor) : PageModel
{
    public IReadOnlyList<Article> Articles { get; private set; } = [];
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public string CategoryName(long? id) => Categories.FirstOrDefault(c => c.Id == id)?.Name ?? "—";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Articles = await store.ListArticlesAsync(HttpContext.AdminAccount().Id, ct: ct);
        Categories = await store.ListCategoriesAsync(HttpContext.AdminAccount().Id, ct: ct);
    }

    public async Task<IActionResult> OnPostAddCategoryAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            TempData.Tell("category.name-missing", "Type the new category's name first.");
        else
            await editor.AddCategoryAsync(User.AuditActor(), HttpContext.AdminAccount().Id, name, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameCategoryAsync(long id, string? name, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(name))
            await editor.RenameCategoryAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, name, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteCategoryAsync(long id, CancellationToken ct)
    {
        await editor.DeleteCategoryAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        TempData.Tell("category.deleted", "Category deleted. Its articles are kept, with no category.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMoveCategoryAsync(long id, bool up, CancellationToken ct)
    {
        await editor.MoveCategoryAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, up, ct);
        return RedirectToPage();
    }
}
