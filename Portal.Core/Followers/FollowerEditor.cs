using Portal.Core.Accounts;
using Portal.Core.Operators;
using Portal.Core.Outbox;
using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>
/// Operators' changes to followers other than tags: the remark (made on the platform first, then stored)
/// and starting a sync from the platform. Each goes to the audit trail.
/// </summary>
public sealed class FollowerEditor(FollowerStore store, OutboxStore outbox, AccessTokenBroker broker, UserClient users, AuditLog audit, TimeProvider time)
{
    public const string EntityType = "follower";
    public const string SyncEntityType = "follower_sync";

    /// <summary>The platform refuses remarks of 30 characters or more.</summary>
    public const int MaxRemarkLength = 29;

    public async Task<string?> SetRemarkAsync(AuditActor actor, WeChatAccount account, string openId, string? remark, CancellationToken ct = default)
    {
        remark = remark?.Trim() ?? "";
        if (remark.Length > MaxRemarkLength)
            return $"A remark can be at most {MaxRemarkLength} characters.";
        var before = await store.GetAsync(account.Id, openId, ct).ConfigureAwait(false);
        if (before is null)
            return "Portal has no record of this follower.";
        return await TagEditor.OnPlatformAsync(async () =>
        {
            await broker.CallAsync(account, async (token, c) => { await users.UpdateRemarkAsync(token, openId, remark, c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
            await store.InTransactionAsync(async tx =>
            {
                await store.SetRemarkAsync(tx, account.Id, openId, remark, time.GetUtcNow(), ct).ConfigureAwait(false);
                await audit.RecordAsync(tx, actor.On(account.Id), EntityType, openId, "remark", new { before.Remark }, new { Remark = remark }, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The latest sync and, while it runs, the outbox row of the page it is on.</summary>
    public async Task<(FollowerSyncRun? Run, OutboxItem? Current)> SyncProgressAsync(int accountId, CancellationToken ct = default)
    {
        var run = await store.LatestSyncAsync(accountId, ct).ConfigureAwait(false);
        if (run is null || run.Status != FollowerSyncRun.Running)
            return (run, null);
        return (run, await outbox.GetAsync(FollowerSyncPage.KeyFor(run.Id, run.Pages + 1), ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Starts a sync: a run and its first page's outbox row, with the audit entry, in one transaction.
    /// Refused while another run is still going (one whose page row has not failed).
    /// </summary>
    public async Task<(long? RunId, string? Problem)> StartSyncAsync(AuditActor actor, WeChatAccount account, CancellationToken ct = default)
    {
        var (run, current) = await SyncProgressAsync(account.Id, ct).ConfigureAwait(false);
        if (run is { Status: FollowerSyncRun.Running } && current?.Status != OutboxStatus.Failed)
            return (null, $"A sync is already running (started {run.StartedAt:yyyy-MM-dd HH:mm} UTC by {run.StartedBy}, {run.Followers} followers so far).");
        var id = await store.InTransactionAsync(async tx =>
        {
            var runId = await store.StartSyncAsync(tx, account.Id, actor.Name, time.GetUtcNow(), ct).ConfigureAwait(false);
            var first = new FollowerSyncPage(runId, 1, null);
            await outbox.EnqueueAsync(tx, FollowerSyncPage.OutboxKind, first.IdempotencyKey, null, first.ToJson(), ct, account.Id).ConfigureAwait(false);
            await audit.RecordAsync(tx, actor.On(account.Id), SyncEntityType, runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "start", null, null, ct).ConfigureAwait(false);
            return runId;
        }, ct).ConfigureAwait(false);
        return (id, null);
    }
}
