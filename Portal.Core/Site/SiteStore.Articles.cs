using System.Data.Common;
using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    private const string ArticleColumns = """
        id, category_id, title, summary, cover_image, featured, published, published_at, read_count,
        share_title, share_description, share_image, created_at, updated_at
        """;

    // Lists leave the body out: it is the large part and no list shows it.
    private const string PublishedArticlesSql = $"""
        SELECT {ArticleColumns}, '' AS body_html FROM site_articles
        WHERE account_id = @AccountId AND published = @Published AND (@CategoryId IS NULL OR category_id = @CategoryId)
        ORDER BY published_at DESC, id DESC LIMIT @Limit
        """;

    /// <summary>Published articles, newest first, of one category or all.</summary>
    public Task<IReadOnlyList<Article>> ListPublishedArticlesAsync(int accountId, long? categoryId, int limit, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<Article>>(null, async c =>
            (await c.QueryAsync<ArticleRow>(new CommandDefinition(PublishedArticlesSql, new { AccountId = accountId, Published = true, CategoryId = categoryId, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false))
                .Select(r => r.ToArticle()).ToList(), ct);

    private const string FeaturedArticlesSql = $"""
        SELECT {ArticleColumns}, '' AS body_html FROM site_articles
        WHERE account_id = @AccountId AND published = @Published AND featured = @Featured
        ORDER BY published_at DESC, id DESC LIMIT @Limit
        """;

    /// <summary>The home page's featured articles, newest first.</summary>
    public Task<IReadOnlyList<Article>> ListFeaturedArticlesAsync(int accountId, int limit, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<Article>>(null, async c =>
            (await c.QueryAsync<ArticleRow>(new CommandDefinition(FeaturedArticlesSql, new { AccountId = accountId, Published = true, Featured = true, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false))
                .Select(r => r.ToArticle()).ToList(), ct);

    private const string AllArticlesSql = $"SELECT {ArticleColumns}, '' AS body_html FROM site_articles WHERE account_id = @AccountId ORDER BY updated_at DESC, id DESC LIMIT @Limit";

    /// <summary>Every article, published or not, most recently edited first (the admin's list).</summary>
    public Task<IReadOnlyList<Article>> ListArticlesAsync(int accountId, int limit = 500, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<Article>>(null, async c =>
            (await c.QueryAsync<ArticleRow>(new CommandDefinition(AllArticlesSql, new { AccountId = accountId, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false))
                .Select(r => r.ToArticle()).ToList(), ct);

    private const string ArticleSql = $"SELECT {ArticleColumns}, body_html FROM site_articles WHERE account_id = @AccountId AND id = @Id";

    /// <summary>An article whether published or not (the admin and its preview).</summary>
    public Task<Article?> GetArticleAsync(int accountId, long id, DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync(tx, async c =>
            (await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleSql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false))?.ToArticle(), ct);

    private const string InsertArticleSql = """
        INSERT INTO site_articles (account_id, category_id, title, summary, body_html, cover_image, featured, published, published_at,
            read_count, share_title, share_description, share_image, created_at, updated_at)
        VALUES (@AccountId, @CategoryId, @Title, @Summary, @BodyHtml, @CoverImage, @Featured, @Published, @PublishedAt,
            0, @ShareTitle, @ShareDescription, @ShareImage, @At, @At)
        RETURNING id
        """;

    public async Task<long> AddArticleAsync(DbTransaction tx, int accountId, Article article, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        return await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertArticleSql,
            ArticleParameters(accountId, article, at, article.Published ? at : null), tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    // published_at records the first publication: set when first published, kept afterwards. The read
    // count is never written here, so a save never loses the views counted while the editor was open.
    private const string UpdateArticleSql = """
        UPDATE site_articles SET category_id = @CategoryId, title = @Title, summary = @Summary, body_html = @BodyHtml,
            cover_image = @CoverImage, featured = @Featured, published = @Published,
            published_at = CASE WHEN published_at IS NULL THEN @PublishedAt ELSE published_at END,
            share_title = @ShareTitle, share_description = @ShareDescription, share_image = @ShareImage, updated_at = @At
        WHERE account_id = @AccountId AND id = @Id
        """;

    public async Task<bool> UpdateArticleAsync(DbTransaction tx, int accountId, Article article, CancellationToken ct = default)
    {
        var at = time.GetUtcNow();
        return await tx.Connection!.ExecuteAsync(new CommandDefinition(UpdateArticleSql,
            ArticleParameters(accountId, article, at, article.Published ? at : null), tx, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string DeleteArticleSql = "DELETE FROM site_articles WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> DeleteArticleAsync(DbTransaction tx, int accountId, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeleteArticleSql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    private const string CountReadsSql = "UPDATE site_articles SET read_count = read_count + @Views WHERE id = @Id AND published = @Published";

    /// <summary>Adds views counted in memory, one statement per article, in one transaction.</summary>
    public async Task CountReadsAsync(IReadOnlyCollection<KeyValuePair<long, int>> views, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var (id, count) in views)
            await connection.ExecuteAsync(new CommandDefinition(CountReadsSql, new { Id = id, Views = count, Published = true }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static object ArticleParameters(int accountId, Article a, DateTimeOffset at, DateTimeOffset? publishedAt) => new
    {
        AccountId = accountId,
        a.Id,
        a.CategoryId,
        a.Title,
        a.Summary,
        a.BodyHtml,
        a.CoverImage,
        a.Featured,
        a.Published,
        PublishedAt = publishedAt,
        ShareTitle = a.Share.Title,
        ShareDescription = a.Share.Description,
        ShareImage = a.Share.Image,
        At = at,
    };

    private sealed record ArticleRow
    {
        public long Id { get; init; }
        public long? CategoryId { get; init; }
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string? CoverImage { get; init; }
        public bool Featured { get; init; }
        public bool Published { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public long ReadCount { get; init; }
        public string ShareTitle { get; init; } = "";
        public string ShareDescription { get; init; } = "";
        public string? ShareImage { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public Article ToArticle() => new()
        {
            Id = Id, CategoryId = CategoryId, Title = Title, Summary = Summary, BodyHtml = BodyHtml, CoverImage = CoverImage,
            Featured = Featured, Published = Published, PublishedAt = PublishedAt, ReadCount = ReadCount,
            Share = new ShareFields(ShareTitle, ShareDescription, ShareImage), CreatedAt = CreatedAt, UpdatedAt = UpdatedAt,
        };
    }
}
