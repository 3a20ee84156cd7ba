using Dapper;
using Portal.Core.Followers;

namespace Portal.Tests.Followers;

/// <summary>
/// Follows, unfollows and messages written to the followers table the way the message journal writes them
/// (<see cref="FollowerStore.ApplyAsync"/> in a transaction), for tests that need a follower in a given state:
/// a follower of <c>accountId</c>.
/// </summary>
public static class FollowerEvents
{
    public static Task SubscribeAsync(this FollowerStore store, int accountId, string openId, string? qrScene, DateTimeOffset at) =>
        store.RecordAsync(new FollowerChange(accountId, openId, FollowerChangeKind.Subscribe, qrScene, at));

    public static Task UnsubscribeAsync(this FollowerStore store, int accountId, string openId, DateTimeOffset at) =>
        store.RecordAsync(new FollowerChange(accountId, openId, FollowerChangeKind.Unsubscribe, null, at));

    /// <summary>A message or menu tap: it opens the 48-hour customer-service window.</summary>
    public static Task TouchAsync(this FollowerStore store, int accountId, string openId, DateTimeOffset at) =>
        store.RecordAsync(new FollowerChange(accountId, openId, FollowerChangeKind.Interaction, null, at));

    public static Task<long> CountSubscribedAsync(this FollowerStore store, int accountId) =>
        store.InTransactionAsync(tx => tx.Connection!.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followers WHERE account_id = @AccountId AND subscribed = @Yes", new { AccountId = accountId, Yes = true }, tx));

    private static Task RecordAsync(this FollowerStore store, FollowerChange change) =>
        store.InTransactionAsync(async tx =>
        {
            await store.ApplyAsync(tx.Connection!, tx, [change]);
            return true;
        });
}
