using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Site;
using Portal.Web.Accounts;
using Portal.Web.Site;

namespace Portal.Web.Pages.Site;

[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class ArticlesModel(SiteStore store) : SitePageModel
{
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public IReadOnlyList<Article> Articles { get; private set; } = [];
    public long? CategoryId { get; private set; }

    public async Task OnGetAsync(long? category, CancellationToken ct)
    {
        CategoryId = category;
        Categories = await store.ListCategoriesAsync(HttpContext.PageAccount().Id, ct: ct);
        Articles = await store.ListPublishedArticlesAsync(HttpContext.PageAccount().Id, category, 50, ct);
        var profile = await store.GetProfileAsync(HttpContext.PageAccount().Id, ct: ct);
        var name = Categories.FirstOrDefault(c => c.Id == category)?.Name ?? "文章";
        SetShareCard(new ShareFields(), $"{name} · {profile.SiteName}", profile.Intro, profile.Share.Image);
    }
}
