using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Followers;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Followers.Tags;

/// <summary>The account's tags: create, rename and delete, each on WeChat first.</summary>
public sealed class IndexModel(FollowerStore store, TagEditor editor) : PageModel
{
    public IReadOnlyList<StoredTag> Tags { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Name { get; private set; }

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public async Task OnGetAsync(CancellationToken ct) => Tags = await store.TagsAsync(HttpContext.AdminAccount().Id, ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct)
    {
        Name = name;
        return await Done(await editor.CreateAsync(User.AuditActor(), HttpContext.AdminAccount(), name, ct), "tag.created", $"Tag “{name?.Trim()}” created.", ct);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name, CancellationToken ct) =>
        await Done(await editor.RenameAsync(User.AuditActor(), HttpContext.AdminAccount(), id, name, ct), "tag.renamed", $"Tag renamed to “{name?.Trim()}”.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        await Done(await editor.DeleteAsync(User.AuditActor(), HttpContext.AdminAccount(), id, ct), "tag.deleted", "Tag deleted, and taken off every follower.", ct);

    private async Task<IActionResult> Done(string? problem, string code, string message, CancellationToken ct)
    {
        if (problem is null)
        {
            TempData.Tell(code, message);
            return RedirectToPage();
        }
        Problem = problem;
        Tags = await store.TagsAsync(HttpContext.AdminAccount().Id, ct);
        return Page();
    }
}
