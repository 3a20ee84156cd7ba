using Portal.Core.Operators;

namespace Portal.Core.Site;

public sealed partial class SiteEditor
{
    public Task<long> AddBannerAsync(AuditActor actor, int accountId, Banner banner, CancellationToken ct = default)
    {
        SiteLinks.Require(banner);
        return ChangeAsync(accountId, async tx =>
        {
            var id = await store.AddBannerAsync(tx, accountId, banner, ct).ConfigureAwait(false);
            await RecordAsync(tx, actor.On(accountId), "site_banner", id, "create", null, banner with { Id = id }, ct).ConfigureAwait(false);
            return id;
        }, ct);
    }

    public Task<bool> SetBannerActiveAsync(AuditActor actor, int accountId, long id, bool active, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = (await store.ListBannersAsync(accountId, tx, ct).ConfigureAwait(false)).FirstOrDefault(b => b.Id == id);
            if (before is null || !await store.SetBannerActiveAsync(tx, accountId, id, active, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_banner", id, active ? "show" : "hide", before, before with { Active = active }, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> DeleteBannerAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = (await store.ListBannersAsync(accountId, tx, ct).ConfigureAwait(false)).FirstOrDefault(b => b.Id == id);
            if (before is null || !await store.DeleteBannerAsync(tx, accountId, id, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_banner", id, "delete", before, null, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> MoveBannerAsync(AuditActor actor, int accountId, long id, bool up, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx => await MoveAsync(tx, actor.On(accountId), "site_banner", id, up,
            (await store.ListBannersAsync(accountId, tx, ct).ConfigureAwait(false)).Select(b => b.Id).ToList(),
            ids => store.SetBannerOrderAsync(tx, accountId, ids, ct), ct).ConfigureAwait(false), ct);

    public Task<long> AddNavItemAsync(AuditActor actor, int accountId, NavItem item, CancellationToken ct = default)
    {
        SiteLinks.Require(item);
        return ChangeAsync(accountId, async tx =>
        {
            var id = await store.AddNavItemAsync(tx, accountId, item, ct).ConfigureAwait(false);
            await RecordAsync(tx, actor.On(accountId), "site_nav_item", id, "create", null, item with { Id = id }, ct).ConfigureAwait(false);
            return id;
        }, ct);
    }

    public Task<bool> DeleteNavItemAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = (await store.ListNavItemsAsync(accountId, tx, ct).ConfigureAwait(false)).FirstOrDefault(n => n.Id == id);
            if (before is null || !await store.DeleteNavItemAsync(tx, accountId, id, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_nav_item", id, "delete", before, null, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> MoveNavItemAsync(AuditActor actor, int accountId, long id, bool up, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx => await MoveAsync(tx, actor.On(accountId), "site_nav_item", id, up,
            (await store.ListNavItemsAsync(accountId, tx, ct).ConfigureAwait(false)).Select(n => n.Id).ToList(),
            ids => store.SetNavItemOrderAsync(tx, accountId, ids, ct), ct).ConfigureAwait(false), ct);
}
