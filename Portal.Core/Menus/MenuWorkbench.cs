using Portal.Core.Accounts;
using Portal.Core.Operators;
using Portal.Core.Platform;

namespace Portal.Core.Menus;

/// <summary>
/// What an operator does to the account's menus from the admin: save drafts, publish, roll back, pull
/// what is live, remove a conditional menu, and ask which menu a follower gets. Each change goes to the
/// audit trail with the menu before and after. Publishing happens on the platform, outside any
/// transaction of ours, so the entry is written once the platform has accepted the change: a refused
/// publish leaves no entry, because nothing changed.
/// </summary>
public sealed class MenuWorkbench(
    MenuDraftStore drafts,
    MenuVersionStore versions,
    MenuPublisher publisher,
    MenuClient client,
    AccessTokenBroker broker,
    AuditLog audit)
{
    /// <summary>The published menus (default and conditional), as the audit trail names them.</summary>
    public const string EntityType = "menu";

    /// <summary>Menus in the making.</summary>
    public const string DraftEntityType = "menu_draft";

    /// <summary>Saves the working menu of <paramref name="slot"/>; an unchanged draft is not saved again, nor audited.</summary>
    public Task<MenuDraft> SaveDraftAsync(AuditActor actor, WeChatAccount account, string slot, Menu menu, MatchRule? rule, CancellationToken ct = default) =>
        SaveDraftAsync(actor, account, slot, menu, rule, "save draft", null, ct);

    private async Task<MenuDraft> SaveDraftAsync(AuditActor actor, WeChatAccount account, string slot, Menu menu, MatchRule? rule, string action, long? liveVersion, CancellationToken ct)
    {
        var before = await drafts.GetAsync(account.Id, slot, ct).ConfigureAwait(false);
        if (before is not null && Same(before.Menu, menu) && MenuJson.Write(before.Rule) == MenuJson.Write(rule))
            return before;
        await drafts.SaveAsync(account.Id, slot, menu, rule, actor.Name, ct).ConfigureAwait(false);
        var after = (await drafts.GetAsync(account.Id, slot, ct).ConfigureAwait(false))!;
        await audit.RecordAsync(actor.On(account.Id), DraftEntityType, slot, action,
            before is null ? null : Snapshot(before.Menu, before.Rule), Snapshot(after.Menu, after.Rule, liveVersion), ct).ConfigureAwait(false);
        return after;
    }

    /// <summary>
    /// Replaces the default draft with what is live. After a rollback or a pull the old draft is what the
    /// operator just moved away from: left in the workbench, the next Publish would quietly undo the
    /// rollback. The replaced draft stays in the audit trail (the entry's before), so nothing is lost.
    /// </summary>
    private Task<MenuDraft> LoadLiveIntoDraftAsync(AuditActor actor, WeChatAccount account, MenuVersion live, string action, CancellationToken ct) =>
        SaveDraftAsync(actor, account, MenuDraftStore.DefaultSlot, live.Menu, null, action, live.Id, ct);

    /// <summary>Throws the default draft away and loads the live default menu instead; null when nothing is live.</summary>
    public async Task<MenuVersion?> DiscardDraftAsync(AuditActor actor, WeChatAccount account, CancellationToken ct = default)
    {
        var live = await versions.LatestDefaultAsync(account.Id, ct).ConfigureAwait(false);
        if (live is not null)
            await LoadLiveIntoDraftAsync(actor, account, live, "discard draft, load live", ct).ConfigureAwait(false);
        return live;
    }

    /// <summary>Checks and publishes; the default menu when <paramref name="rule"/> is null, else a conditional one.</summary>
    public async Task<MenuPublishResult> PublishAsync(AuditActor actor, WeChatAccount account, Menu menu, MatchRule? rule, CancellationToken ct = default)
    {
        var before = rule is null ? await versions.LatestDefaultAsync(account.Id, ct).ConfigureAwait(false) : null;
        var result = await publisher.PublishAsync(account, menu, rule, actor.Name, ct: ct).ConfigureAwait(false);
        if (result.Version is { } version)
            await RecordAsync(actor, account, version, rule is null ? "publish" : "publish conditional", before, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Publishes version <paramref name="versionId"/> again as a new version; null when there is no such version.</summary>
    public async Task<MenuPublishResult?> RollbackAsync(AuditActor actor, WeChatAccount account, long versionId, CancellationToken ct = default)
    {
        var target = await versions.GetAsync(account.Id, versionId, ct).ConfigureAwait(false);
        if (target is null)
            return null;
        var before = target.IsDefault ? await versions.LatestDefaultAsync(account.Id, ct).ConfigureAwait(false) : null;
        var result = await publisher.RollbackAsync(account, versionId, actor.Name, ct).ConfigureAwait(false);
        if (result.Version is { } version)
        {
            await RecordAsync(actor, account, version, "rollback", before, ct).ConfigureAwait(false);
            // A conditional menu's draft slot is the operator's own name, which the version does not know.
            if (version.IsDefault)
                await LoadLiveIntoDraftAsync(actor, account, version, "load live after rollback", ct).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>
    /// Reads the live default menu. A menu changed elsewhere becomes a new version (audited as a pull);
    /// one Portal already knows is returned as it is. Either way the workbench then opens on it.
    /// Null when the account has no menu.
    /// </summary>
    public async Task<MenuPullResult> PullAsync(AuditActor actor, WeChatAccount account, CancellationToken ct = default)
    {
        var before = await versions.LatestDefaultAsync(account.Id, ct).ConfigureAwait(false);
        MenuVersion? pulled;
        try
        {
            pulled = await publisher.PullAsync(account, actor.Name, ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.ErrorCode == MenuErrorCodes.MenuNotFound)
        {
            pulled = null;
        }
        var changed = pulled is not null && pulled.Id != before?.Id;
        if (changed)
            await RecordAsync(actor, account, pulled!, "pull", before, ct).ConfigureAwait(false);
        if (pulled is not null)
            await LoadLiveIntoDraftAsync(actor, account, pulled, "load live after pull", ct).ConfigureAwait(false);
        return new MenuPullResult(pulled, changed);
    }

    /// <summary>What the platform has now; empty when nothing is published (46003).</summary>
    public async Task<PublishedMenus> LiveAsync(WeChatAccount account, CancellationToken ct = default)
    {
        try
        {
            return await broker.CallAsync(account, (token, c) => client.GetAsync(token, c), ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.ErrorCode == MenuErrorCodes.MenuNotFound)
        {
            return new PublishedMenus(null, null, []);
        }
    }

    /// <summary>Removes one conditional menu from the platform; false when the platform has no such menu.</summary>
    public async Task<bool> DeleteConditionalAsync(AuditActor actor, WeChatAccount account, long menuId, CancellationToken ct = default)
    {
        var live = await LiveAsync(account, ct).ConfigureAwait(false);
        var before = live.Conditional.FirstOrDefault(c => c.MenuId == menuId);
        try
        {
            await broker.CallAsync(account, async (token, c) => { await client.DeleteConditionalAsync(token, menuId, c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.ErrorCode == MenuErrorCodes.ConditionalMenuNotFound)
        {
            return false;
        }
        await audit.RecordAsync(actor.On(account.Id), EntityType, "conditional " + menuId.ToString(System.Globalization.CultureInfo.InvariantCulture), "delete conditional",
            before is null ? null : Snapshot(before.Menu, before.Rule), null, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The menu a follower gets (platform's trymatch), or why there is none, in plain words.</summary>
    public async Task<MenuMatch> TryMatchAsync(WeChatAccount account, string userId, CancellationToken ct = default)
    {
        try
        {
            var menu = await broker.CallAsync(account, (token, c) => client.TryMatchAsync(token, userId, c), ct).ConfigureAwait(false);
            return new MenuMatch(menu, null);
        }
        catch (WeChatApiException e)
        {
            return new MenuMatch(null, e.ErrorCode switch
            {
                MenuErrorCodes.NoSuchUser => $"The platform knows no follower “{userId}”.",
                MenuErrorCodes.MenuNotFound => "No menu is published, so this follower sees none.",
                _ => $"The platform would not say (errcode {e.ErrorCode}: {e.ErrorMessage}).",
            });
        }
    }

    private Task RecordAsync(AuditActor actor, WeChatAccount account, MenuVersion version, string action, MenuVersion? before, CancellationToken ct) =>
        audit.RecordAsync(actor.On(account.Id), EntityType, version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), action,
            before is null ? null : Snapshot(before.Menu, before.Rule, before.Id),
            Snapshot(version.Menu, version.Rule, version.Id, version.Note), ct);

    private static bool Same(Menu a, Menu b) => MenuJson.Write(a) == MenuJson.Write(b);

    /// <summary>A menu as the trail keeps it: the platform's own JSON, which MenuButton's attributes give.</summary>
    private static object Snapshot(Menu menu, MatchRule? rule, long? version = null, string? note = null) =>
        new { Version = version, Note = note, Menu = menu, MatchRule = rule };
}

/// <summary>The live menu read by a pull, and whether it was new to Portal.</summary>
public sealed record MenuPullResult(MenuVersion? Version, bool Changed);

/// <summary>A trymatch answer: the menu, or why there is none.</summary>
public sealed record MenuMatch(Menu? Menu, string? Problem);
