using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Web.Pages.Admin.Dashboard;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Members;

/// <summary>Members, newest first, with search.</summary>
public sealed class IndexModel(MemberDirectory directory) : PageModel
{
    public int PageSize => 50;
    public string? Query { get; private set; }
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public async Task OnGetAsync(string? q, long? before, CancellationToken ct)
    {
        Query = q;
        Members = await directory.SearchAsync(HttpContext.AdminAccount().Id, q, before ?? long.MaxValue, PageSize, ct);
    }
}
