using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Members.Membership;

/// <summary>Check-in points and membership levels, written as short text an operator can read.</summary>
public sealed class IndexModel(MembershipSettings settings, MemberAdministration admin) : PageModel
{
    public CheckInRules Rules { get; private set; } = CheckInRules.Default;
    public string BonusText { get; private set; } = "";
    public string LevelText { get; private set; } = "";
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCheckInAsync(int basePoints, string? bonuses, CancellationToken ct)
    {
        var parsed = new Dictionary<int, int>();
        foreach (var part in (bonuses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(':', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || FormNumbers.Parse(pair[0], 1, MembershipLimits.MaxStreakDay) is not { } day
                || FormNumbers.Parse(pair[1], 0, MembershipLimits.MaxCheckInPoints) is not { } extra)
            {
                Problem = $"“{part}” is not a day and a bonus, such as 7:30: a day from 1 to {MembershipLimits.MaxStreakDay}, a bonus from 0 to {MembershipLimits.MaxCheckInPoints}.";
                await LoadAsync(ct);
                return Page();
            }
            parsed[(int)day] = (int)extra;
        }
        if (!ModelState.InRange(nameof(basePoints), basePoints, 1, MembershipLimits.MaxCheckInPoints))
        {
            Problem = $"A check-in is worth a whole number of points from 1 to {MembershipLimits.MaxCheckInPoints}.";
            await LoadAsync(ct);
            return Page();
        }
        await admin.SaveCheckInRulesAsync(User.AuditActor(), HttpContext.AdminAccount().Id, new CheckInRules(basePoints, parsed), ct);
        TempData.Tell("membership.check-in-saved", "Check-in points saved; they apply from the next check-in.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLevelsAsync(string? levels, CancellationToken ct)
    {
        var parsed = new List<MemberLevel>();
        foreach (var line in (levels ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || parts[0].Length == 0 || FormNumbers.Parse(parts[1], 0, MembershipLimits.MaxLevelPoints) is not { } min)
            {
                Problem = $"“{line}” is not name | points | benefits, with points from 0 to {MembershipLimits.MaxLevelPoints}.";
                break;
            }
            parsed.Add(new MemberLevel(parts[0], min, parts[2]));
        }
        Problem ??= parsed.Count == 0 || parsed.Min(l => l.MinPoints) != 0 ? "The first level must need 0 points, so every member has one."
            : parsed.Select(l => l.MinPoints).Distinct().Count() != parsed.Count ? "Two levels need the same points; give each its own."
            : null;
        if (Problem is not null)
        {
            await LoadAsync(ct);
            LevelText = levels ?? "";
            return Page();
        }
        await admin.SaveLevelsAsync(User.AuditActor(), HttpContext.AdminAccount().Id, new MemberLevels([.. parsed.OrderBy(l => l.MinPoints)]), ct);
        TempData.Tell("membership.levels-saved", "Levels saved.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rules = await settings.CheckInRulesAsync(HttpContext.AdminAccount().Id, ct);
        BonusText = string.Join(", ", Rules.StreakBonuses.OrderBy(b => b.Key).Select(b => $"{b.Key}:{b.Value}"));
        LevelText = string.Join("\n", (await settings.LevelsAsync(HttpContext.AdminAccount().Id, ct)).Levels.Select(l => $"{l.Name} | {l.MinPoints} | {l.Benefits}"));
    }
}
