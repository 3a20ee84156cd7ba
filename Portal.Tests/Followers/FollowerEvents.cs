using Dapper;
using Portal.Core.Followers;

namespace Portal.Tests.Followers;

/// <summary>
/// Follows, unfollows and messages written to the followers table the way the message journal writes them
/// (<see cref="FollowerStore.ApplyAsync"/> in a transaction), for tests that need a follower in a given state.
/// </summary>
public static class FollowerEvents
{
    public static Task SubscribeAsync(this FollowerStore store, string openId, string? qrScene, DateTimeOffset at) =>
        store.RecordAsync(new FollowerChange(openId, FollowerChangeKind.Subscribe, qrScene, at));

    public static Task UnsubscribeAsync(this FollowerStore store, string openId, DateTimeOffset at) =>
        store.RecordAsync(new FollowerChange(openId, FollowerChangeKind.Unsubscribe, null, at));

    /// <summary>A message or menu tap: it opens the 48-hour customer-service window.</summary>
    public static Task TouchAsync(this FollowerStore store, string openId, DateTimeOffset at) =>
        store.RecordAsync(new FollowerChange(openId, FollowerChangeKind.Interaction, null, at));

    public static Task<long> CountSubscribedAsync(this FollowerStore store) =>
        store.InTransactionAsync(tx => tx.Connection!.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followers WHERE subscribed = @Yes", new { Yes = true }, tx));

    private static Task RecordAsync(this FollowerStore store, FollowerChange change) =>
        store.InTransactionAsync(async tx =>
        {
            await store.ApplyAsync(tx.Connection!, tx, [change]);
            return true;
        });
}
