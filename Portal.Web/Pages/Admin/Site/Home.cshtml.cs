using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Links;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>The home page's banners and navigation grid, each in the order followers see them.</summary>
public sealed class HomeModel(SiteStore store, SiteEditor editor) : PageModel
{
    public IReadOnlyList<Banner> Banners { get; private set; } = [];
    public IReadOnlyList<NavItem> NavItems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Banners = await store.ListBannersAsync(HttpContext.AdminAccount().Id, ct: ct);
        NavItems = await store.ListNavItemsAsync(HttpContext.AdminAccount().Id, ct: ct);
    }

    public async Task<IActionResult> OnPostAddBannerAsync(string? title, string? imageUrl, string? link, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(imageUrl))
            TempData.Tell("banner.image-missing", "A banner needs an image: upload one under Images and paste its address.");
        else if (LinkAllowList.ProblemWith(imageUrl) is { } imageProblem)
            TempData.Tell("banner.image-refused", "Banner not added. Its image: " + imageProblem);
        else if (LinkAllowList.ProblemWith(link) is { } linkProblem)
            TempData.Tell("banner.link-refused", "Banner not added. Its link: " + linkProblem);
        else
            await editor.AddBannerAsync(User.AuditActor(), HttpContext.AdminAccount().Id, new Banner { Title = title?.Trim() ?? "", ImageUrl = imageUrl.Trim(), Link = link?.Trim() ?? "" }, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostBannerActiveAsync(long id, bool active, CancellationToken ct)
    {
        await editor.SetBannerActiveAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, active, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMoveBannerAsync(long id, bool up, CancellationToken ct)
    {
        await editor.MoveBannerAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, up, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteBannerAsync(long id, CancellationToken ct)
    {
        await editor.DeleteBannerAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddNavItemAsync(string? label, string? imageUrl, string? link, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(label) || string.IsNullOrWhiteSpace(link))
            TempData.Tell("cell.incomplete", "A grid cell needs a label and a link.");
        else if (LinkAllowList.ProblemWith(link) is { } linkProblem)
            TempData.Tell("cell.link-refused", "Cell not added. Its link: " + linkProblem);
        else if (LinkAllowList.ProblemWith(imageUrl) is { } imageProblem)
            TempData.Tell("cell.icon-refused", "Cell not added. Its icon: " + imageProblem);
        else
            await editor.AddNavItemAsync(User.AuditActor(), HttpContext.AdminAccount().Id, new NavItem { Label = label.Trim(), ImageUrl = imageUrl?.Trim() ?? "", Link = link.Trim() }, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMoveNavItemAsync(long id, bool up, CancellationToken ct)
    {
        await editor.MoveNavItemAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, up, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteNavItemAsync(long id, CancellationToken ct)
    {
        await editor.DeleteNavItemAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        return RedirectToPage();
    }
}
