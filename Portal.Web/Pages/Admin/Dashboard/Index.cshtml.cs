using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Dashboard;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Dashboard;

public sealed class IndexModel(DashboardStore dashboard, TimeProvider time) : PageModel
{
    public const int Days = 30;

    public DashboardFigures Figures { get; private set; } = null!;

    public string ChartJson { get; private set; } = "{}";

    /// <summary>Work waiting longer than a few minutes means delivery is stuck, not merely busy.</summary>
    public bool OutboxLate => Figures.OldestWaitingSince is { } since && time.GetUtcNow() - since > TimeSpan.FromMinutes(5);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Figures = await dashboard.ReadAsync(HttpContext.AdminAccount().Id, Days, ct);
        // Serialised with the default (HTML-safe) encoder, so it can sit inside a script element.
        ChartJson = JsonSerializer.Serialize(new
        {
            days = Figures.Days,
            newFollowers = Figures.NewFollowers,
            lostFollowers = Figures.LostFollowers,
            messages = Figures.MessagesIn,
        });
    }
}
