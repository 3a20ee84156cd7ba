using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Menus;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Menus;

/// <summary>
/// The menu workbench: the working menu of one slot drawn on a phone and edited in the browser
/// (menu-editor.js). The editor asks <see cref="OnPostCheck"/> for the verdict as the operator types, so
/// <see cref="MenuRules"/> stays the one place that knows the platform's limits.
/// </summary>
public sealed class IndexModel(MenuWorkbench workbench, MenuDraftStore drafts, MenuVersionStore versions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slot { get; set; } = MenuDraftStore.DefaultSlot;

    public WorkingMenu Working { get; private set; } = new(MenuDraftStore.DefaultSlot, new Menu(), null);

    /// <summary>Where the working menu came from, in words.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>The default menu live now (Portal's last published or pulled version); null before the first.</summary>
    public MenuVersion? Live { get; private set; }

    /// <summary>
    /// How the saved draft differs from <see cref="Live"/>, in the history's words; empty when they are the
    /// same. An operator must see this before Publish, or a stale draft silently replaces what is live.
    /// </summary>
    public IReadOnlyList<string> DraftChanges { get; private set; } = [];

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public bool IsDefault => Slot == MenuDraftStore.DefaultSlot;

    private static readonly JsonSerializerOptions PageJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What the editor starts from, for its data attribute (Razor encodes it).</summary>
    public string StateJson => JsonSerializer.Serialize(new
    {
        slot = Slot,
        // The live version the page was opened on; Publish sends it back so a stale page cannot replace newer work.
        live = IsDefault ? Live?.Id.ToString(CultureInfo.InvariantCulture) ?? NothingLive : null,
        menu = JsonDocument.Parse(MenuJson.Write(Working.Menu)).RootElement,
        rule = Working.Rule is null ? (JsonElement?)null : JsonDocument.Parse(MenuJson.Write(Working.Rule)!).RootElement,
        problems = MenuProblemView.From(Working.Check()),
    }, PageJson);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!WorkingMenu.IsSlotName(Slot))
            return NotFound();
        Live = IsDefault ? await versions.LatestDefaultAsync(HttpContext.AdminAccount().Id, ct) : null;
        if (await drafts.GetAsync(HttpContext.AdminAccount().Id, Slot, ct) is { } draft)
        {
            Working = new WorkingMenu(Slot, draft.Menu, IsDefault ? null : draft.Rule ?? new MatchRule());
            Origin = $"Draft saved by {draft.UpdatedBy} at {draft.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.";
            if (Live is { } published)
            {
                DraftChanges = MenuDiff.Compare(published.Menu, draft.Menu);
                if (DraftChanges.Count == 0)
                    Origin += $" It is the live menu, version {published.Id} ({Describe(published)}).";
            }
        }
        else if (Live is { } live)
        {
            Working = new WorkingMenu(Slot, live.Menu, null);
            Origin = $"The published menu (version {live.Id}); no draft yet.";
        }
        else
        {
            Working = new WorkingMenu(Slot, new Menu(), IsDefault ? null : new MatchRule());
            Origin = "A new menu: nothing saved yet.";
        }
        return Page();
    }

    /// <summary>How a version went live, for the page's one-line origin.</summary>
    public static string Describe(MenuVersion version) => version.Source switch
    {
        MenuVersionSources.Rollback => $"{version.Note}, by {version.CreatedBy}",
        MenuVersionSources.Pull => $"read from the platform by {version.CreatedBy}",
        _ => $"published by {version.CreatedBy}",
    } + $" at {version.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    /// <summary>Throws the saved draft away and opens the workbench on the live menu (recorded in the audit trail).</summary>
    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        var live = await workbench.DiscardDraftAsync(User.AuditActor(), HttpContext.AdminAccount(), ct);
        TempData["Message"] = live is null
            ? "Nothing is published yet, so there is no live menu to load; the draft is kept."
            : $"Draft discarded: the workbench now holds the live menu, version {live.Id}.";
        return RedirectToPage();
    }

    /// <summary>The verdict on the working menu: every problem, with its path and the button to mark.</summary>
    public IActionResult OnPostCheck(string? slot, string? menu, string? rule)
    {
        if (WorkingMenu.Read(slot, menu, rule) is not { } working)
            return BadRequest();
        return new JsonResult(new { problems = MenuProblemView.From(working.Check()) });
    }

    /// <summary>Saves the working menu as the slot's draft; drafts may have problems, they are work in progress.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string? slot, string? menu, string? rule, CancellationToken ct)
    {
        if (WorkingMenu.Read(slot, menu, rule) is not { } working)
            return BadRequest();
        var saved = await workbench.SaveDraftAsync(User.AuditActor(), HttpContext.AdminAccount(), working.Slot, working.Menu, working.Rule, ct);
        return new JsonResult(new
        {
            saved = true,
            message = $"Draft saved at {saved.UpdatedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC.",
            problems = MenuProblemView.From(working.Check()),
        });
    }

    /// <summary>What <see cref="StateJson"/>'s live says when no default menu was published.</summary>
    private const string NothingLive = "none";

    /// <summary>
    /// Publishes the working menu; the platform's refusal comes back in plain words. <paramref name="live"/>
    /// is the live version the page was opened on: when another publish, rollback or pull has happened since
    /// (another tab, another operator), publishing this page's menu would quietly undo it, so it is refused
    /// and the operator reloads to see what is live now. Requests without it (not the editor) are not checked.
    /// </summary>
    public async Task<IActionResult> OnPostPublishAsync(string? slot, string? menu, string? rule, string? live, CancellationToken ct)
    {
        if (WorkingMenu.Read(slot, menu, rule) is not { } working)
            return BadRequest();
        if (working.IsDefault && !string.IsNullOrEmpty(live) && await versions.LatestDefaultAsync(HttpContext.AdminAccount().Id, ct) is { } current
            && live != current.Id.ToString(CultureInfo.InvariantCulture))
        {
            return new JsonResult(new
            {
                published = false,
                stale = true,
                message = $"Not published: the live menu changed after this page was opened (now version {current.Id}, {Describe(current)}). "
                    + "Reload the page to see it; to keep your changes, Save draft first and the page will show how they differ from live.",
                problems = Array.Empty<MenuProblemView>(),
            });
        }
        var actor = User.AuditActor();
        // The draft follows what was published, so reopening the page shows it rather than an older draft.
        await workbench.SaveDraftAsync(actor, HttpContext.AdminAccount(), working.Slot, working.Menu, working.Rule, ct);
        var result = await workbench.PublishAsync(actor, HttpContext.AdminAccount(), working.Menu, working.Rule, ct);
        if (result.Version is not { } version)
            return new JsonResult(new { published = false, problems = MenuProblemView.From(result.Problems) });
        var message = working.IsDefault
            ? $"Published as version {version.Id}. Followers see it the next time they open the chat (WeChat re-reads menus every few minutes)."
            : $"Published as version {version.Id}, conditional menu {version.PlatformMenuId}. Followers the rule matches see it.";
        return new JsonResult(new { published = true, version = version.Id, live = working.IsDefault ? version.Id.ToString(CultureInfo.InvariantCulture) : null, message, problems = Array.Empty<MenuProblemView>() });
    }

    /// <summary>Reads the live default menu into the editor: recorded as a version when it changed elsewhere.</summary>
    public async Task<IActionResult> OnPostPullAsync(CancellationToken ct)
    {
        var actor = User.AuditActor();
        var pulled = await workbench.PullAsync(actor, HttpContext.AdminAccount(), ct);
        if (pulled.Version is not { } version)
        {
            TempData["Message"] = "The platform has no menu published, so there was nothing to pull.";
            return RedirectToPage();
        }
        TempData["Message"] = pulled.Changed
            ? $"The live menu differed from Portal's last version: recorded it as version {version.Id} and loaded it here."
            : $"The live menu is version {version.Id}, as Portal published it; loaded it here.";
        return RedirectToPage();
    }
}
