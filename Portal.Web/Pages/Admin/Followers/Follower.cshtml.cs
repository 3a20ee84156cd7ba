using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Followers;
using Portal.Core.Inbox;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Followers;

/// <summary>One follower: profile, tags, remark, the conversation, and a reply within the 48-hour window.</summary>
public sealed class FollowerModel(FollowerStore store, MessageLogStore log, OutboxStore outbox, FollowerEditor editor, TagEditor tagEditor,
    InboxReplies replies, TimeProvider time) : PageModel
{
    public Follower? Follower { get; private set; }
    public IReadOnlyList<StoredTag> Tags { get; private set; } = [];
    public IReadOnlyList<int> FollowerTags { get; private set; } = [];
    public IReadOnlyList<MessageLogEntry> History { get; private set; } = [];
    public IReadOnlyDictionary<string, (string Status, string? LastError)> Deliveries { get; private set; } = new Dictionary<string, (string, string?)>();
    public DateTimeOffset Now => time.GetUtcNow();

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public string TagName(int id) => Tags.FirstOrDefault(t => t.Id == id)?.Name ?? $"#{id}";

    public async Task<IActionResult> OnGetAsync(string openId, CancellationToken ct)
    {
        Follower = await store.GetAsync(HttpContext.AdminAccount().Id, openId, ct);
        if (Follower is null)
            return NotFound();
        Tags = await store.TagsAsync(HttpContext.AdminAccount().Id, ct);
        FollowerTags = [.. (await store.TagsOfAsync(HttpContext.AdminAccount().Id, [openId], ct))[openId]];
        History = await log.ForFollowerAsync(openId, 100, ct);
        Deliveries = await outbox.StatusesAsync(History.Where(h => h.Direction == MessageLogEntry.Out && h.DedupKey is not null).Select(h => h.DedupKey!).ToList(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemarkAsync(string openId, string? remark, CancellationToken ct) =>
        Done(openId, await editor.SetRemarkAsync(User.AuditActor(), HttpContext.AdminAccount(), openId, remark, ct), "follower.remark-saved", "Remark saved on WeChat and here.");

    public async Task<IActionResult> OnPostAddTagAsync(string openId, int? tagId, CancellationToken ct) =>
        Done(openId, tagId is null ? "Choose a tag." : await tagEditor.SetAsync(User.AuditActor(), HttpContext.AdminAccount(), tagId.Value, [openId], on: true, ct), "follower.tag-added", "Tag added.");

    public async Task<IActionResult> OnPostRemoveTagAsync(string openId, int tagId, CancellationToken ct) =>
        Done(openId, await tagEditor.SetAsync(User.AuditActor(), HttpContext.AdminAccount(), tagId, [openId], on: false, ct), "follower.tag-removed", "Tag removed.");

    public async Task<IActionResult> OnPostReplyAsync(string openId, string? text, CancellationToken ct)
    {
        var outcome = await replies.QueueAsync(User.AuditActor(), HttpContext.AdminAccount(), openId, text, ct);
        return Done(openId, outcome.Problem, "follower.reply-queued", "Reply queued. Its delivery shows in the conversation below.");
    }

    private RedirectResult Done(string openId, string? problem, string code, string message)
    {
        if (problem is null)
            TempData[PageOutcome.CodeKey] = code;
        TempData[problem is null ? "Message" : "Problem"] = problem ?? message;
        return Redirect($"/admin/followers/{Uri.EscapeDataString(openId)}");
    }
}
