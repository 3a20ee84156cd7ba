using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Followers;
using Portal.Core.Outbox;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Followers;

/// <summary>The followers list: filters, search, keyset paging, batch tagging, and the sync from the platform.</summary>
public sealed class IndexModel(FollowerStore store, FollowerEditor editor, TagEditor tagEditor) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subscribed { get; set; }
    [BindProperty(SupportsGet = true)] public string? Scene { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public FollowerPage Results { get; private set; } = new([], null, null);
    public ILookup<string, int> TagsOf { get; private set; } = Array.Empty<(string, int)>().ToLookup(p => p.Item1, p => p.Item2);
    public IReadOnlyList<StoredTag> Tags { get; private set; } = [];
    public FollowerSyncRun? Sync { get; private set; }
    public OutboxItem? SyncPage { get; private set; }
    public string? Problem { get; private set; }

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public FollowerFilter Filter => new(Tag, Subscribed switch { "yes" => true, "no" => false, _ => null }, Scene?.Trim(), Q?.Trim());

    public string TagName(int id) => Tags.FirstOrDefault(t => t.Id == id)?.Name ?? $"#{id}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tags = await store.TagsAsync(HttpContext.AdminAccount().Id, ct);
        Results = await store.ListAsync(HttpContext.AdminAccount().Id, Filter, FollowerCursor.Decode(After), FollowerCursor.Decode(Before), ct: ct);
        TagsOf = await store.TagsOfAsync(HttpContext.AdminAccount().Id, Results.Rows.Select(r => r.OpenId).ToList(), ct);
        (Sync, SyncPage) = await editor.SyncProgressAsync(HttpContext.AdminAccount().Id, ct);
    }

    public async Task<IActionResult> OnPostSyncAsync(CancellationToken ct)
    {
        var (_, problem) = await editor.StartSyncAsync(User.AuditActor(), HttpContext.AdminAccount(), ct);
        if (problem is null)
            TempData[PageOutcome.CodeKey] = "followers.sync-started";
        TempData[problem is null ? "Message" : "Problem"] = problem ?? "Sync started. Progress shows here; it goes on if you leave the page.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTagAsync(int? tagId, string[]? openIds, string? change, CancellationToken ct)
    {
        var on = change != "untag";
        var problem = tagId is null ? "Choose a tag." : await tagEditor.SetAsync(User.AuditActor(), HttpContext.AdminAccount(), tagId.Value, openIds ?? [], on, ct);
        if (problem is null)
            TempData[PageOutcome.CodeKey] = on ? "followers.tagged" : "followers.untagged";
        TempData[problem is null ? "Message" : "Problem"] = problem ?? $"{(on ? "Tagged" : "Untagged")} {openIds!.Length} follower{(openIds.Length == 1 ? "" : "s")}.";
        return RedirectToPage(new { Tag, Subscribed, Scene, Q, After, Before });
    }

    public string Link(FollowerCursor? after = null, FollowerCursor? before = null) =>
        Url.Page("/Admin/Followers/Index", new { Tag, Subscribed, Scene, Q, After = after?.Encode(), Before = before?.Encode() })!;
}
