using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Links;
using Portal.Core.Site;
using Portal.Web.Accounts;
using Portal.Web.Site;

namespace Portal.Web.Pages.Site;

[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class ContactModel(SiteStore store) : SitePageModel
{
    public SiteProfile Profile { get; private set; } = SiteProfile.Empty;

    /// <summary>Only http(s) map links become links: the profile is operator input like any other.</summary>
    public string? MapLink => LinkAllowList.CleanWebAddress(Profile.MapLink);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Profile = await store.GetProfileAsync(HttpContext.PageAccount().Id, ct: ct);
        SetShareCard(new ShareFields(), $"联系我们 · {Profile.SiteName}", Profile.Address, Profile.Share.Image, "/contact");
    }
}
