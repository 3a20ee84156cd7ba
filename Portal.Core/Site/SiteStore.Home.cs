using System.Data.Common;
using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    public const string BannersTable = "site_banners";
    public const string NavItemsTable = "site_nav_items";

    private const string BannersSql = "SELECT id, title, image_url, link, sort_order, active FROM site_banners ORDER BY sort_order, id";

    /// <summary>All banners in their order; the home page shows the active ones.</summary>
    public Task<IReadOnlyList<Banner>> ListBannersAsync(DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<Banner>>(tx, async c =>
            (await c.QueryAsync<Banner>(new CommandDefinition(BannersSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);

    private const string InsertBannerSql = """
        INSERT INTO site_banners (title, image_url, link, sort_order, active, created_at, updated_at)
        VALUES (@Title, @ImageUrl, @Link, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM site_banners), @Active, @At, @At)
        RETURNING id
        """;

    /// <summary>Adds a banner at the end of the list.</summary>
    public async Task<long> AddBannerAsync(DbTransaction tx, Banner banner, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertBannerSql,
            new { banner.Title, banner.ImageUrl, banner.Link, banner.Active, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false);

    private const string SetBannerActiveSql = "UPDATE site_banners SET active = @Active, updated_at = @At WHERE id = @Id";

    public async Task<bool> SetBannerActiveAsync(DbTransaction tx, long id, bool active, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(SetBannerActiveSql, new { Id = id, Active = active, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    private const string DeleteBannerSql = "DELETE FROM site_banners WHERE id = @Id";

    public async Task<bool> DeleteBannerAsync(DbTransaction tx, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeleteBannerSql, new { Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    public Task SetBannerOrderAsync(DbTransaction tx, IReadOnlyList<long> ids, CancellationToken ct = default) =>
        SetOrderAsync(tx, BannersTable, ids, ct);

    private const string NavItemsSql = "SELECT id, label, image_url, link, sort_order FROM site_nav_items ORDER BY sort_order, id";

    public Task<IReadOnlyList<NavItem>> ListNavItemsAsync(DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<NavItem>>(tx, async c =>
            (await c.QueryAsync<NavItem>(new CommandDefinition(NavItemsSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);

    private const string InsertNavItemSql = """
        INSERT INTO site_nav_items (label, image_url, link, sort_order, created_at, updated_at)
        VALUES (@Label, @ImageUrl, @Link, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM site_nav_items), @At, @At)
        RETURNING id
        """;

    public async Task<long> AddNavItemAsync(DbTransaction tx, NavItem item, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertNavItemSql,
            new { item.Label, item.ImageUrl, item.Link, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false);

    private const string DeleteNavItemSql = "DELETE FROM site_nav_items WHERE id = @Id";

    public async Task<bool> DeleteNavItemAsync(DbTransaction tx, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeleteNavItemSql, new { Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    public Task SetNavItemOrderAsync(DbTransaction tx, IReadOnlyList<long> ids, CancellationToken ct = default) =>
        SetOrderAsync(tx, NavItemsTable, ids, ct);
}
