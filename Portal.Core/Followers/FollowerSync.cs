using Portal.Core.Accounts;
using Portal.Core.Outbox;
using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>
/// Works one page of a sync from the platform, as an outbox row: the account's tags first (on the first
/// page), then up to 10 000 OpenIDs from <c>user/get</c>, their user info in batches of 100, stored with
/// their tags; then the next page is queued with the platform's cursor, in the same transaction as the
/// progress. A page worked twice (an instance stopped mid-page) writes the same rows again.
/// </summary>
public sealed class FollowerSync(FollowerStore store, OutboxStore outbox, AccountDirectory accounts, AccessTokenBroker broker, UserClient users, TagClient tags, TimeProvider time)
{
    /// <summary>When the daily user/get quota is used up, try again after this.</summary>
    public static readonly TimeSpan QuotaPause = TimeSpan.FromHours(1);

    /// <summary>Works the page an outbox row holds, keeping the row leased while it goes on.</summary>
    public async Task ProcessAsync(OutboxItem row, CancellationToken ct = default)
    {
        var page = FollowerSyncPage.FromJson(row.Payload);
        // The row's account: one taken out of the configuration has no credentials left, and its sync cannot go on.
        var account = accounts.AccountOf(row);
        var run = await store.SyncAsync(account.Id, page.RunId, ct).ConfigureAwait(false)
            ?? throw new FormatException($"Sync run {page.RunId} does not exist.");
        if (run.Status != FollowerSyncRun.Running)
            return;
        try
        {
            await ProcessPageAsync(account, row, run, page, ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.ErrorCode == WeChatErrorCodes.DailyQuotaReached)
        {
            // A big account can use up a day's user/get calls; the walk resumes where it stopped.
            throw new OutboxRetryLaterException($"{e.ErrorCode}: daily quota used up; the sync goes on later", QuotaPause);
        }
    }

    private async Task ProcessPageAsync(WeChatAccount account, OutboxItem row, FollowerSyncRun run, FollowerSyncPage page, CancellationToken ct)
    {
        if (page.Page == 1)
            await SyncTagsAsync(account, ct).ConfigureAwait(false);

        var ids = await broker.CallAsync(account, (token, c) => users.GetAsync(token, page.NextOpenId, c), ct).ConfigureAwait(false);
        foreach (var batch in ids.OpenIds.Chunk(UserClient.MaxBatch))
        {
            var infos = await broker.CallAsync(account, (token, c) => users.BatchGetAsync(token, batch, ct: c), ct).ConfigureAwait(false);
            await store.InTransactionAsync(async tx =>
            {
                await store.UpsertFromPlatformAsync(tx, account.Id, infos, time.GetUtcNow(), ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
            // A page of 10 000 takes a hundred platform calls, which may outlast the lease: renew it, and
            // stop if another instance has taken the row meanwhile (its writes are the same as ours).
            if (!await outbox.ExtendLeaseAsync(row, OutboxDelivery.LeaseFor, ct).ConfigureAwait(false))
                throw new OutboxLeaseLostException(row.IdempotencyKey);
        }

        // The platform's last page may still name a next OpenID; an empty page, or a cursor that stops
        // moving, is the end.
        var last = ids.OpenIds.Count == 0 || string.IsNullOrEmpty(ids.NextOpenId) || ids.NextOpenId == page.NextOpenId;
        await store.InTransactionAsync(async tx =>
        {
            var now = time.GetUtcNow();
            await store.RecordSyncPageAsync(tx, account.Id, run.Id, page.Page, ids.OpenIds.Count, ids.Total, ids.NextOpenId, now, ct).ConfigureAwait(false);
            if (last)
            {
                await store.FinishSyncAsync(tx, account.Id, run.Id, run.StartedAt, now, ct).ConfigureAwait(false);
            }
            else
            {
                var next = new FollowerSyncPage(run.Id, page.Page + 1, ids.NextOpenId);
                await outbox.EnqueueAsync(tx, FollowerSyncPage.OutboxKind, next.IdempotencyKey, null, next.ToJson(), ct, account.Id).ConfigureAwait(false);
            }
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>tags/get: stores every tag with the platform's count, and forgets tags deleted elsewhere.</summary>
    public async Task SyncTagsAsync(WeChatAccount account, CancellationToken ct = default)
    {
        var all = await broker.CallAsync(account, (token, c) => tags.GetAsync(token, c), ct).ConfigureAwait(false);
        await store.InTransactionAsync(async tx =>
        {
            var now = time.GetUtcNow();
            foreach (var tag in all)
                await store.SaveTagAsync(tx, account.Id, tag.Id, tag.Name, tag.Count, now, ct).ConfigureAwait(false);
            await store.DeleteTagsExceptAsync(tx, account.Id, all.Select(t => t.Id).ToList(), ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }
}
