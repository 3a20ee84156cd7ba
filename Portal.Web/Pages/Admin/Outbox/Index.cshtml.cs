using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Dashboard;
using Portal.Core.Outbox;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Outbox;

/// <summary>Deliveries that gave up or wait long; editors may retry one (within its deadline) or mark it seen.</summary>
public sealed class IndexModel(FailedDeliveries deliveries, OutboxWorkTable works, TimeProvider time) : PageModel
{
    public IReadOnlyList<OutboxItem> Rows { get; private set; } = [];
    public DateTimeOffset Now => time.GetUtcNow();

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public async Task OnGetAsync(CancellationToken ct) => Rows = await deliveries.ListAsync(HttpContext.AdminAccount().Id, ct);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var problem = await deliveries.RetryAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        TempData[problem is null ? "Message" : "Problem"] = problem ?? "Back in line: it is tried again now. This list shows it again if it fails.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDismissAsync(long id, CancellationToken ct)
    {
        var problem = await deliveries.DismissAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        TempData[problem is null ? "Message" : "Problem"] = problem ?? "Marked as seen: it no longer counts on the dashboard or in /healthz.";
        return RedirectToPage();
    }

    /// <summary>The label its kind's work gives, or the stored kind for work this version does not know.</summary>
    public string KindLabel(string kind) => works.LabelOf(kind);

    /// <summary>Until when the row may be delivered; null for a kind this version does not know.</summary>
    public DateTimeOffset? DeliverableUntil(OutboxItem row) => works.DeadlineOf(row)?.At;

    public static string StatusLabel(string status) => status switch
    {
        OutboxStatus.AwaitingHandler => "handler running",
        OutboxStatus.Ready => "waiting to send",
        OutboxStatus.Sending => "sending",
        OutboxStatus.Failed => "failed",
        _ => status,
    };
}
