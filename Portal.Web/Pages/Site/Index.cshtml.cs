using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Portal.Core.Site;
using Portal.Sandbox;
using Portal.Web.Accounts;
using Portal.Web.Site;

namespace Portal.Web.Pages.Site;

[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class IndexModel(SiteStore store, IOptions<SandboxOptions> sandbox) : SitePageModel
{
    public SiteProfile Profile { get; private set; } = SiteProfile.Empty;
    public IReadOnlyList<Banner> Banners { get; private set; } = [];
    public IReadOnlyList<NavItem> NavItems { get; private set; } = [];
    public IReadOnlyList<Article> Featured { get; private set; } = [];

    /// <summary>Developers trying Portal locally get pointers to the sandbox, the admin and the health check.</summary>
    public bool ShowDeveloperLinks => sandbox.Value.Enabled;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Profile = await store.GetProfileAsync(HttpContext.PageAccount().Id, ct: ct);
        Banners = (await store.ListBannersAsync(HttpContext.PageAccount().Id, ct: ct)).Where(b => b.Active).ToList();
        NavItems = await store.ListNavItemsAsync(HttpContext.PageAccount().Id, ct: ct);
        Featured = await store.ListFeaturedArticlesAsync(HttpContext.PageAccount().Id, 6, ct);
        SetShareCard(Profile.Share, Profile.SiteName, Profile.Intro, Banners.FirstOrDefault()?.ImageUrl, "/");
    }
}
