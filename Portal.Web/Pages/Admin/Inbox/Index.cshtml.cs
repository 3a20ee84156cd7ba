using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Inbox;
using Portal.Core.Outbox;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Inbox;

/// <summary>Followers' messages, newest first, unanswered ones marked; replies go out through the outbox.</summary>
public sealed class IndexModel(InboxStore inbox, InboxReplies replies, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unanswered { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<InboxMessage> Messages { get; private set; } = [];
    public IReadOnlyList<OperatorReply> Replies { get; private set; } = [];
    public DateTimeOffset Now => time.GetUtcNow();

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await inbox.ListAsync(HttpContext.AdminAccount().Id, Unanswered, Before, ct: ct);
        Replies = await inbox.RecentRepliesAsync(HttpContext.AdminAccount().Id, ct: ct);
    }

    public async Task<IActionResult> OnPostReplyAsync(string openId, string? text, CancellationToken ct)
    {
        var outcome = await replies.QueueAsync(User.AuditActor(), HttpContext.AdminAccount(), openId, text, ct);
        if (outcome.Problem is null)
            TempData[PageOutcome.CodeKey] = "inbox.reply-queued";
        TempData[outcome.Problem is null ? "Message" : "Problem"] = outcome.Problem ?? "Reply queued. Its delivery shows under “Your replies”.";
        return RedirectToPage(new { Unanswered = Unanswered ? "true" : null, Before });
    }

    public static string StatusClass(string? status) => status switch
    {
        OutboxStatus.Sent => "on",
        OutboxStatus.Failed => "off",
        _ => "",
    };

    public static string StatusLabel(string? status) => status switch
    {
        OutboxStatus.Ready => "queued",
        OutboxStatus.Sending => "sending",
        OutboxStatus.Sent => "sent",
        OutboxStatus.Failed => "failed",
        _ => "unknown",
    };
}
