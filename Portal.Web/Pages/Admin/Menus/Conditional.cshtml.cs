using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Menus;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Menus;

/// <summary>
/// Conditional (personalised) menus: those live on the platform, those being drafted, and the "who sees
/// what" tester, which asks the platform (trymatch) rather than guessing from the rules.
/// </summary>
public sealed class ConditionalModel(MenuWorkbench workbench, MenuDraftStore drafts) : PageModel
{
    /// <summary>A follower's OpenID (or WeChat ID) for the tester.</summary>
    [BindProperty(SupportsGet = true)]
    public string? OpenId { get; set; }

    public PublishedMenus Live { get; private set; } = new(null, null, []);

    public IReadOnlyList<MenuDraft> Drafts { get; private set; } = [];

    public MenuMatch? Match { get; private set; }

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Live = await workbench.LiveAsync(HttpContext.AdminAccount(), ct);
        Drafts = (await drafts.ListAsync(HttpContext.AdminAccount().Id, ct)).Where(d => d.Slot != MenuDraftStore.DefaultSlot).ToList();
        if (!string.IsNullOrWhiteSpace(OpenId))
            Match = await workbench.TryMatchAsync(HttpContext.AdminAccount(), OpenId.Trim(), ct);
    }

    /// <summary>Starts (or reopens) the draft of a conditional menu under a name.</summary>
    public IActionResult OnPostNew(string? slot)
    {
        if (!WorkingMenu.IsSlotName(slot) || slot == MenuDraftStore.DefaultSlot)
        {
            TempData["Error"] = "Name the conditional menu with letters, digits, - or _ (up to 40), other than “default”.";
            return RedirectToPage();
        }
        return Redirect($"/admin/menu?slot={Uri.EscapeDataString(slot!)}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long menuId, CancellationToken ct)
    {
        if (await workbench.DeleteConditionalAsync(User.AuditActor(), HttpContext.AdminAccount(), menuId, ct))
            TempData.Tell("menu.conditional-removed", $"Conditional menu {menuId} removed; the followers it matched see the default menu again.");
        else
            TempData["Error"] = $"The platform has no conditional menu {menuId} (someone may have removed it already).";
        return RedirectToPage();
    }
}
