using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Links;
using Portal.Core.Site;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>The site's hub: its sections, and the profile (name, contact details, home page's share card).</summary>
public sealed class IndexModel(SiteStore store, SiteEditor editor) : PageModel
{
    [BindProperty] public ProfileForm Profile { get; set; } = new();
    [BindProperty] public ShareForm Share { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var profile = await store.GetProfileAsync(HttpContext.AdminAccount().Id, ct: ct);
        Profile = ProfileForm.From(profile);
        Share = ShareForm.From(profile.Share);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Profile.SiteName))
            ModelState.AddModelError("Profile.SiteName", "Enter the site's name; it heads the home page.");
        if (LinkAllowList.ProblemWith(Profile.MapLink, webAddressOnly: true) is not null)
            ModelState.AddModelError("Profile.MapLink", "Enter a full web address starting with https://, e.g. a map site's link to your address.");
        Share.Check(ModelState);
        if (!ModelState.IsValid)
            return Page();
        await editor.SaveProfileAsync(User.AuditActor(), HttpContext.AdminAccount().Id, Profile.ToProfile() with { Share = Share.ToFields() }, ct);
        TempData.Tell("site.saved", "Site details saved. Followers see them now.");
        return RedirectToPage();
    }

    public sealed class ProfileForm
    {
        public string? SiteName { get; set; }
        public string? Intro { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? OpeningHours { get; set; }
        public string? MapLink { get; set; }

        public SiteProfile ToProfile() => new()
        {
            SiteName = SiteName?.Trim() ?? "", Intro = Intro?.Trim() ?? "", Address = Address?.Trim() ?? "", Phone = Phone?.Trim() ?? "",
            OpeningHours = OpeningHours?.Trim() ?? "", MapLink = MapLink?.Trim() ?? "",
        };

        public static ProfileForm From(SiteProfile p) => new()
        {
            SiteName = p.SiteName, Intro = p.Intro, Address = p.Address, Phone = p.Phone, OpeningHours = p.OpeningHours, MapLink = p.MapLink,
        };
    }
}
