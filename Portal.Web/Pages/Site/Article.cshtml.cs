using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Site;
using Portal.Web.Accounts;
using Portal.Web.Site;

namespace Portal.Web.Pages.Site;

/// <summary>A published article. Views are counted by <see cref="ArticleReadCounter"/>, before the cache.</summary>
[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class ArticleModel(SiteStore store) : SitePageModel
{
    public Article Article { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await store.GetArticleAsync(HttpContext.PageAccount().Id, id, ct: ct) is not { Published: true } article)
            return NotFound();
        Article = article;
        SetShareCard(article.Share, article.Title, article.Summary, article.CoverImage, $"/articles/{article.Id}");
        return Page();
    }
}
