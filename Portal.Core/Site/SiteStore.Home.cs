using System.Data.Common;
using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    public const string BannersTable = "site_banners";
    public const string NavItemsTable = "site_nav_items";

    private const string BannersSql = "SELECT id, title, image_url, link, sort_order, active FROM site_banners WHERE account_id = @AccountId ORDER BY sort_order, id";

    /// <summary>All banners in their order; the home page shows the active ones.</summary>
    public Task<IReadOnlyList<Banner>> ListBannersAsync(int accountId, DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<Banner>>(tx, async c =>
            (await c.QueryAsync<Banner>(new CommandDefinition(BannersSql, new { AccountId = accountId }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);

    private const string InsertBannerSql = """
        INSERT INTO site_banners (account_id, title, image_url, link, sort_order, active, created_at, updated_at)
        VALUES (@AccountId, @Title, @ImageUrl, @Link, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM site_banners WHERE account_id = @AccountId), @Active, @At, @At)
        RETURNING id
        """;

    /// <summary>Adds a banner at the end of the list.</summary>
    public async Task<long> AddBannerAsync(DbTransaction tx, int accountId, Banner banner, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertBannerSql,
            new { AccountId = accountId, banner.Title, banner.ImageUrl, banner.Link, banner.Active, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false);

    private const string SetBannerActiveSql = "UPDATE site_banners SET active = @Active, updated_at = @At WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> SetBannerActiveAsync(DbTransaction tx, int accountId, long id, bool active, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(SetBannerActiveSql, new { AccountId = accountId, Id = id, Active = active, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    private const string DeleteBannerSql = "DELETE FROM site_banners WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> DeleteBannerAsync(DbTransaction tx, int accountId, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeleteBannerSql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    public Task SetBannerOrderAsync(DbTransaction tx, int accountId, IReadOnlyList<long> ids, CancellationToken ct = default) =>
        SetOrderAsync(tx, accountId, BannersTable, ids, ct);

    private const string NavItemsSql = "SELECT id, label, image_url, link, sort_order FROM site_nav_items WHERE account_id = @AccountId ORDER BY sort_order, id";

    public Task<IReadOnlyList<NavItem>> ListNavItemsAsync(int accountId, DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<NavItem>>(tx, async c =>
            (await c.QueryAsync<NavItem>(new CommandDefinition(NavItemsSql, new { AccountId = accountId }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);

    private const string InsertNavItemSql = """
        INSERT INTO site_nav_items (account_id, label, image_url, link, sort_order, created_at, updated_at)
        VALUES (@AccountId, @Label, @ImageUrl, @Link, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM site_nav_items WHERE account_id = @AccountId), @At, @At)
        RETURNING id
        """;

    public async Task<long> AddNavItemAsync(DbTransaction tx, int accountId, NavItem item, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertNavItemSql,
            new { AccountId = accountId, item.Label, item.ImageUrl, item.Link, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false);

    private const string DeleteNavItemSql = "DELETE FROM site_nav_items WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> DeleteNavItemAsync(DbTransaction tx, int accountId, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeleteNavItemSql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    public Task SetNavItemOrderAsync(DbTransaction tx, int accountId, IReadOnlyList<long> ids, CancellationToken ct = default) =>
        SetOrderAsync(tx, accountId, NavItemsTable, ids, ct);
}
