using Portal.Core.Accounts;
using Portal.Core.Operators;
using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>
/// Operators' changes to tags: each is made on the platform first (the platform is the authority, and
/// refuses what it does not allow), then stored with its audit entry in one transaction. Each method
/// returns null when done, else what went wrong in plain words.
/// </summary>
public sealed class TagEditor(FollowerStore store, AccessTokenBroker broker, TagClient tags, AuditLog audit, TimeProvider time)
{
    public const string EntityType = "tag";

    public async Task<string?> CreateAsync(AuditActor actor, WeChatAccount account, string? name, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
            return "Enter the tag's name.";
        return await OnPlatformAsync(async () =>
        {
            var tag = await broker.CallAsync(account, (token, c) => tags.CreateAsync(token, name, c), ct).ConfigureAwait(false);
            await store.InTransactionAsync(async tx =>
            {
                await store.SaveTagAsync(tx, account.Id, tag.Id, tag.Name, 0, time.GetUtcNow(), ct).ConfigureAwait(false);
                await audit.RecordAsync(tx, actor.On(account.Id), EntityType, Id(tag.Id), "create", null, new { tag.Name }, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<string?> RenameAsync(AuditActor actor, WeChatAccount account, int id, string? name, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
            return "Enter the tag's new name.";
        return await OnPlatformAsync(async () =>
        {
            await broker.CallAsync(account, async (token, c) => { await tags.UpdateAsync(token, id, name, c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
            await store.InTransactionAsync(async tx =>
            {
                var before = await store.TagAsync(tx, account.Id, id, ct).ConfigureAwait(false);
                if (before is null)
                    await store.SaveTagAsync(tx, account.Id, id, name, 0, time.GetUtcNow(), ct).ConfigureAwait(false);
                else
                    await store.RenameTagAsync(tx, account.Id, id, name, time.GetUtcNow(), ct).ConfigureAwait(false);
                await audit.RecordAsync(tx, actor.On(account.Id), EntityType, Id(id), "rename", before is null ? null : new { before.Name }, new { Name = name }, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<string?> DeleteAsync(AuditActor actor, WeChatAccount account, int id, CancellationToken ct = default) =>
        await OnPlatformAsync(async () =>
        {
            try
            {
                await broker.CallAsync(account, async (token, c) => { await tags.DeleteAsync(token, id, c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
            }
            catch (WeChatApiException e) when (e.ErrorCode == TagErrorCodes.UnknownTag)
            {
                // Already gone from WeChat (deleted in its console): what the operator wanted; forget it here too.
            }
            await store.InTransactionAsync(async tx =>
            {
                var before = await store.TagAsync(tx, account.Id, id, ct).ConfigureAwait(false);
                await store.DeleteTagAsync(tx, account.Id, id, ct).ConfigureAwait(false);
                await audit.RecordAsync(tx, actor.On(account.Id), EntityType, Id(id), "delete", before is null ? null : new { before.Name, before.FollowerCount }, null, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

    /// <summary>
    /// Puts a tag on followers (or takes it off), <see cref="TagRules.MaxBatch"/> per platform call. Batches
    /// done before a refusal stay done, and are stored and audited.
    /// </summary>
    public async Task<string?> SetAsync(AuditActor actor, WeChatAccount account, int tagId, IReadOnlyCollection<string> openIds, bool on, CancellationToken ct = default)
    {
        var distinct = openIds.Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
            return "Choose at least one follower.";
        foreach (var batch in distinct.Chunk(TagRules.MaxBatch))
        {
            var problem = await OnPlatformAsync(async () =>
            {
                await broker.CallAsync(account, async (token, c) =>
                {
                    if (on)
                        await tags.TagAsync(token, tagId, batch, c).ConfigureAwait(false);
                    else
                        await tags.UntagAsync(token, tagId, batch, c).ConfigureAwait(false);
                    return true;
                }, ct).ConfigureAwait(false);
                await store.InTransactionAsync(async tx =>
                {
                    await store.SetTagAsync(tx, account.Id, tagId, batch, on, time.GetUtcNow(), ct).ConfigureAwait(false);
                    await audit.RecordAsync(tx, actor.On(account.Id), EntityType, Id(tagId), on ? "tag followers" : "untag followers", null, new { Followers = batch }, ct).ConfigureAwait(false);
                    return true;
                }, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (problem is not null)
                return problem;
        }
        return null;
    }

    internal static async Task<string?> OnPlatformAsync(Func<Task> change)
    {
        try
        {
            await change().ConfigureAwait(false);
            return null;
        }
        catch (WeChatApiException e)
        {
            return PlatformProblems.Describe(e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return PlatformProblems.Unreachable;
        }
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
