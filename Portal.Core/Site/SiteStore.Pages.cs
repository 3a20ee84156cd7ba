using System.Data.Common;
using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    private const string PageColumns = "id, slug, title, body_html, share_title, share_description, share_image, updated_at";

    private const string PagesSql = $"SELECT {PageColumns} FROM site_pages WHERE account_id = @AccountId ORDER BY slug";

    public Task<IReadOnlyList<SitePage>> ListPagesAsync(int accountId, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<SitePage>>(null, async c =>
            (await c.QueryAsync<PageRow>(new CommandDefinition(PagesSql, new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false)).Select(r => r.ToPage()).ToList(), ct);

    private const string PageSql = $"SELECT {PageColumns} FROM site_pages WHERE account_id = @AccountId AND id = @Id";

    public Task<SitePage?> GetPageAsync(int accountId, long id, DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync(tx, async c =>
            (await c.QuerySingleOrDefaultAsync<PageRow>(new CommandDefinition(PageSql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false))?.ToPage(), ct);

    private const string PageBySlugSql = $"SELECT {PageColumns} FROM site_pages WHERE account_id = @AccountId AND slug = @Slug";

    public Task<SitePage?> GetPageBySlugAsync(int accountId, string slug, CancellationToken ct = default) =>
        WithConnectionAsync(null, async c =>
            (await c.QuerySingleOrDefaultAsync<PageRow>(new CommandDefinition(PageBySlugSql, new { AccountId = accountId, Slug = slug }, cancellationToken: ct)).ConfigureAwait(false))?.ToPage(), ct);

    // ON CONFLICT DO NOTHING: a taken slug returns no id, which the editor reports, on both databases.
    private const string InsertPageSql = """
        INSERT INTO site_pages (account_id, slug, title, body_html, share_title, share_description, share_image, created_at, updated_at)
        VALUES (@AccountId, @Slug, @Title, @BodyHtml, @ShareTitle, @ShareDescription, @ShareImage, @At, @At)
        ON CONFLICT (account_id, slug) DO NOTHING
        RETURNING id
        """;

    /// <summary>The new page's id, or null when its slug is taken.</summary>
    public async Task<long?> AddPageAsync(DbTransaction tx, int accountId, SitePage page, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(InsertPageSql, PageParameters(accountId, page, time.GetUtcNow()), tx, cancellationToken: ct)).ConfigureAwait(false);

    private const string SlugTakenSql = "SELECT COUNT(*) FROM site_pages WHERE account_id = @AccountId AND slug = @Slug AND id <> @Id";

    public async Task<bool> SlugTakenAsync(DbTransaction tx, int accountId, string slug, long exceptId, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(SlugTakenSql, new { AccountId = accountId, Slug = slug, Id = exceptId }, tx, cancellationToken: ct)).ConfigureAwait(false) > 0;

    private const string UpdatePageSql = """
        UPDATE site_pages SET slug = @Slug, title = @Title, body_html = @BodyHtml, share_title = @ShareTitle,
            share_description = @ShareDescription, share_image = @ShareImage, updated_at = @At
        WHERE account_id = @AccountId AND id = @Id
        """;

    public async Task<bool> UpdatePageAsync(DbTransaction tx, int accountId, SitePage page, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(UpdatePageSql, PageParameters(accountId, page, time.GetUtcNow()), tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    private const string DeletePageSql = "DELETE FROM site_pages WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> DeletePageAsync(DbTransaction tx, int accountId, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeletePageSql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    private static object PageParameters(int accountId, SitePage p, DateTimeOffset at) => new
    {
        AccountId = accountId,
        p.Id, p.Slug, p.Title, p.BodyHtml, ShareTitle = p.Share.Title, ShareDescription = p.Share.Description, ShareImage = p.Share.Image, At = at,
    };

    private sealed record PageRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string ShareTitle { get; init; } = "";
        public string ShareDescription { get; init; } = "";
        public string? ShareImage { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public SitePage ToPage() => new()
        {
            Id = Id, Slug = Slug, Title = Title, BodyHtml = BodyHtml, Share = new ShareFields(ShareTitle, ShareDescription, ShareImage), UpdatedAt = UpdatedAt,
        };
    }
}
