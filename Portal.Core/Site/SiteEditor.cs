using System.Data.Common;
using System.Globalization;
using Portal.Core.Data;
using Portal.Core.Operators;

namespace Portal.Core.Site;

/// <summary>
/// Every change an operator makes to the site: stored with its audit entry in one transaction, bodies
/// sanitized on the way in, and the cached public pages dropped once the change is committed.
/// </summary>
public sealed partial class SiteEditor(DbConnectionFactory db, SiteStore store, AuditLog audit, ISiteCache cache)
{
    /// <summary>Creates the article when its id is 0, else updates it. Null when the article was deleted meanwhile.</summary>
    public Task<long?> SaveArticleAsync(AuditActor actor, int accountId, Article draft, CancellationToken ct = default)
    {
        SiteLinks.Require(nameof(Article.CoverImage), draft.CoverImage);
        SiteLinks.Require(draft.Share);
        return ChangeAsync<long?>(accountId, async tx =>
        {
            var clean = draft with { BodyHtml = HtmlAllowList.Sanitize(draft.BodyHtml) };
            // A category is the account's own: an id from another account's site (a forged form) files it under none.
            if (clean.CategoryId is { } category && !(await store.ListCategoriesAsync(accountId, tx, ct).ConfigureAwait(false)).Any(c => c.Id == category))
                clean = clean with { CategoryId = null };
            if (clean.Id == 0)
            {
                var id = await store.AddArticleAsync(tx, accountId, clean, ct).ConfigureAwait(false);
                await RecordAsync(tx, actor.On(accountId), "site_article", id, "create", null, await store.GetArticleAsync(accountId, id, tx, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                return id;
            }
            var before = await store.GetArticleAsync(accountId, clean.Id, tx, ct).ConfigureAwait(false);
            if (before is null || !await store.UpdateArticleAsync(tx, accountId, clean, ct).ConfigureAwait(false))
                return null;
            await RecordAsync(tx, actor.On(accountId), "site_article", clean.Id, "update", before, await store.GetArticleAsync(accountId, clean.Id, tx, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            return clean.Id;
        }, ct);
    }

    public Task<bool> DeleteArticleAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = await store.GetArticleAsync(accountId, id, tx, ct).ConfigureAwait(false);
            if (before is null || !await store.DeleteArticleAsync(tx, accountId, id, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_article", id, "delete", before, null, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<long> AddCategoryAsync(AuditActor actor, int accountId, string name, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var id = await store.AddCategoryAsync(tx, accountId, name.Trim(), ct).ConfigureAwait(false);
            await RecordAsync(tx, actor.On(accountId), "site_category", id, "create", null, new { Name = name.Trim() }, ct).ConfigureAwait(false);
            return id;
        }, ct);

    public Task<bool> RenameCategoryAsync(AuditActor actor, int accountId, long id, string name, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = (await store.ListCategoriesAsync(accountId, tx, ct).ConfigureAwait(false)).FirstOrDefault(c => c.Id == id);
            if (before is null || !await store.RenameCategoryAsync(tx, accountId, id, name.Trim(), ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_category", id, "rename", new { before.Name }, new { Name = name.Trim() }, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> DeleteCategoryAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = (await store.ListCategoriesAsync(accountId, tx, ct).ConfigureAwait(false)).FirstOrDefault(c => c.Id == id);
            if (before is null || !await store.DeleteCategoryAsync(tx, accountId, id, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_category", id, "delete", before, null, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> MoveCategoryAsync(AuditActor actor, int accountId, long id, bool up, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx => await MoveAsync(tx, actor.On(accountId), "site_category", id, up,
            (await store.ListCategoriesAsync(accountId, tx, ct).ConfigureAwait(false)).Select(c => c.Id).ToList(),
            ids => store.SetCategoryOrderAsync(tx, accountId, ids, ct), ct).ConfigureAwait(false), ct);

    /// <summary>Creates the page when its id is 0, else updates it.</summary>
    public Task<PageSave> SavePageAsync(AuditActor actor, int accountId, SitePage draft, CancellationToken ct = default)
    {
        SiteLinks.Require(draft.Share);
        return ChangeAsync(accountId, async tx =>
        {
            var clean = draft with { BodyHtml = HtmlAllowList.Sanitize(draft.BodyHtml) };
            if (await store.SlugTakenAsync(tx, accountId, clean.Slug, clean.Id, ct).ConfigureAwait(false))
                return PageSave.SlugTaken;
            if (clean.Id == 0)
            {
                if (await store.AddPageAsync(tx, accountId, clean, ct).ConfigureAwait(false) is not { } id)
                    return PageSave.SlugTaken;
                await RecordAsync(tx, actor.On(accountId), "site_page", id, "create", null, await store.GetPageAsync(accountId, id, tx, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                return PageSave.Saved(id);
            }
            var before = await store.GetPageAsync(accountId, clean.Id, tx, ct).ConfigureAwait(false);
            if (before is null || !await store.UpdatePageAsync(tx, accountId, clean, ct).ConfigureAwait(false))
                return PageSave.Gone;
            await RecordAsync(tx, actor.On(accountId), "site_page", clean.Id, "update", before, await store.GetPageAsync(accountId, clean.Id, tx, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            return PageSave.Saved(clean.Id);
        }, ct);
    }

    public Task<bool> DeletePageAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = await store.GetPageAsync(accountId, id, tx, ct).ConfigureAwait(false);
            if (before is null || !await store.DeletePageAsync(tx, accountId, id, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), "site_page", id, "delete", before, null, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task SaveProfileAsync(AuditActor actor, int accountId, SiteProfile profile, CancellationToken ct = default)
    {
        // A map link leaves the site for a map: a full web address, never a path.
        SiteLinks.Require(nameof(SiteProfile.MapLink), profile.MapLink, webAddressOnly: true);
        SiteLinks.Require(profile.Share);
        return ChangeAsync(accountId, async tx =>
        {
            var before = await store.GetProfileAsync(accountId, tx, ct).ConfigureAwait(false);
            await store.SaveProfileAsync(tx, accountId, profile, ct).ConfigureAwait(false);
            await audit.RecordAsync(tx, actor.On(accountId), "site_profile", null, "update", before, profile, ct).ConfigureAwait(false);
            return true;
        }, ct);
    }

    private async Task<T> ChangeAsync<T>(int accountId, Func<DbTransaction, Task<T>> change, CancellationToken ct)
    {
        T result;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            result = await change(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        // After the commit: a follower's request arriving in between must not cache the old content again.
        await cache.ContentChangedAsync(accountId, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Moves one row of an ordered list a place up or down and renumbers the list.</summary>
    private async Task<bool> MoveAsync(DbTransaction tx, AuditActor actor, string entityType, long id, bool up, List<long> ids, Func<IReadOnlyList<long>, Task> setOrder, CancellationToken ct)
    {
        var index = ids.IndexOf(id);
        var target = up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= ids.Count)
            return false;
        (ids[index], ids[target]) = (ids[target], ids[index]);
        await setOrder(ids).ConfigureAwait(false);
        await RecordAsync(tx, actor, entityType, id, up ? "move up" : "move down", new { Position = index + 1 }, new { Position = target + 1 }, ct).ConfigureAwait(false);
        return true;
    }

    private Task RecordAsync(DbTransaction tx, AuditActor actor, string entityType, long id, string action, object? before, object? after, CancellationToken ct) =>
        audit.RecordAsync(tx, actor, entityType, id.ToString(CultureInfo.InvariantCulture), action, before, after, ct);
}
