using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Menus;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Menus;

/// <summary>
/// Every menu Portal put on (or read from) the platform, newest first: who, when, how, and what changed
/// between any two versions; a rollback publishes an old version again as a new one.
/// </summary>
public sealed class HistoryModel(MenuVersionStore versions, MenuWorkbench workbench) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    /// <summary>The two versions compared, older and newer as the operator picks them.</summary>
    [BindProperty(SupportsGet = true)]
    public long? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? To { get; set; }

    public IReadOnlyList<MenuVersion> Versions { get; private set; } = [];

    public MenuComparison? Comparison { get; private set; }

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Versions = await versions.ListAsync(HttpContext.AdminAccount().Id, PageSize, Before ?? long.MaxValue, ct);
        if (From is { } from && To is { } to)
        {
            var a = await versions.GetAsync(HttpContext.AdminAccount().Id, from, ct);
            var b = await versions.GetAsync(HttpContext.AdminAccount().Id, to, ct);
            if (a is null || b is null)
                return NotFound();
            Comparison = new MenuComparison(a, b, MenuDiff.Compare(a.Menu, b.Menu));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRollbackAsync(long id, CancellationToken ct)
    {
        var result = await workbench.RollbackAsync(User.AuditActor(), HttpContext.AdminAccount(), id, ct);
        if (result is null)
            return NotFound();
        if (result.Succeeded)
            TempData[PageOutcome.CodeKey] = "menu.rolled-back";
        TempData[result.Succeeded ? "Message" : "Error"] = result.Version is { } version
            ? $"Rolled back: version {id} is live again, published as version {version.Id}."
              + (version.IsDefault ? " The menu workbench now opens on it; the draft it replaces is kept in the audit trail." : "")
            : $"Not rolled back. {string.Join(" ", result.Problems.Select(p => p.ToString()))}";
        return RedirectToPage();
    }

    /// <summary>The version before <paramref name="version"/> on this page, for the "changes" link.</summary>
    public MenuVersion? Previous(MenuVersion version)
    {
        var index = Versions.ToList().IndexOf(version);
        // Compare a default menu with the default before it, a conditional one with the one before it.
        return Versions.Skip(index + 1).FirstOrDefault(v => v.IsDefault == version.IsDefault);
    }

    public static string Describe(MatchRule? rule)
    {
        if (rule is null)
            return "default menu";
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(rule.TagId)) parts.Add($"tag {rule.TagId}");
        if (!string.IsNullOrEmpty(rule.Sex)) parts.Add(rule.Sex == "1" ? "male" : rule.Sex == "2" ? "female" : $"sex {rule.Sex}");
        if (!string.IsNullOrEmpty(rule.ClientPlatformType)) parts.Add(rule.ClientPlatformType switch { "1" => "iOS", "2" => "Android", _ => "other phones" });
        var region = string.Join(" ", new[] { rule.Country, rule.Province, rule.City }.Where(s => !string.IsNullOrEmpty(s)));
        if (region.Length > 0) parts.Add(region);
        if (!string.IsNullOrEmpty(rule.Language)) parts.Add(rule.Language);
        return "conditional: " + string.Join(", ", parts);
    }

    public static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}

/// <summary>Two versions and what changed from the first to the second.</summary>
public sealed record MenuComparison(MenuVersion From, MenuVersion To, IReadOnlyList<string> Changes);
