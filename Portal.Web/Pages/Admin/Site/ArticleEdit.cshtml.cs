using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Links;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>Writes an article. Once saved, the phone-sized preview beside the form shows it as followers will see it.</summary>
public sealed class ArticleEditModel(SiteStore store, SiteEditor editor) : PageModel
{
    [BindProperty] public ArticleForm Draft { get; set; } = new();
    [BindProperty] public ShareForm Share { get; set; } = new();

    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public long? Id { get; private set; }
    public long ReadCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Categories = await store.ListCategoriesAsync(HttpContext.AdminAccount().Id, ct: ct);
        if (id is null)
            return Page();
        if (await store.GetArticleAsync(HttpContext.AdminAccount().Id, id.Value, ct: ct) is not { } article)
            return NotFound();
        Id = article.Id;
        ReadCount = article.ReadCount;
        Draft = new ArticleForm
        {
            Title = article.Title, Summary = article.Summary, BodyHtml = article.BodyHtml, CoverImage = article.CoverImage,
            CategoryId = article.CategoryId, Featured = article.Featured, Published = article.Published,
        };
        Share = ShareForm.From(article.Share);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Draft.Title))
            ModelState.AddModelError("Draft.Title", "Enter a title.");
        if (LinkAllowList.ProblemWith(Draft.CoverImage) is { } coverProblem)
            ModelState.AddModelError("Draft.CoverImage", coverProblem);
        Share.Check(ModelState);
        if (!ModelState.IsValid)
        {
            Id = id;
            Categories = await store.ListCategoriesAsync(HttpContext.AdminAccount().Id, ct: ct);
            return Page();
        }
        var article = new Article
        {
            Id = id ?? 0, Title = Draft.Title!.Trim(), Summary = Draft.Summary?.Trim() ?? "", BodyHtml = Draft.BodyHtml ?? "",
            CoverImage = string.IsNullOrWhiteSpace(Draft.CoverImage) ? null : Draft.CoverImage.Trim(),
            CategoryId = Draft.CategoryId, Featured = Draft.Featured, Published = Draft.Published, Share = Share.ToFields(),
        };
        if (await editor.SaveArticleAsync(User.AuditActor(), HttpContext.AdminAccount().Id, article, ct) is not { } saved)
            return NotFound();
        TempData.Tell(Draft.Published ? "article.published" : "article.drafted", Draft.Published ? "Article saved and published." : "Article saved as a draft: only the preview shows it.");
        return Redirect($"/admin/site/articles/edit/{saved}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        await editor.DeleteArticleAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct);
        TempData.Tell("article.deleted", "Article deleted.");
        return Redirect("/admin/site/articles");
    }

    public sealed class ArticleForm
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? BodyHtml { get; set; }
        public string? CoverImage { get; set; }
        public long? CategoryId { get; set; }
        public bool Featured { get; set; }
        public bool Published { get; set; }
    }
}
