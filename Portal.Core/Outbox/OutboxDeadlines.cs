using Portal.Core.Followers;
using Portal.Core.Inbox;
using Portal.Core.Messaging;

namespace Portal.Core.Outbox;

/// <summary>
/// The one rule, per kind of row, for how long delivery is worth trying: until then a failing row is tried
/// again with capped pauses; after it the row ends <see cref="OutboxStatus.Failed"/> and an operator's
/// Retry is refused.
/// </summary>
public static class OutboxDeadlines
{
    /// <summary>
    /// Template notices (points changed, order shipped) are news for about a day; later they confuse more than
    /// they tell, and the follower has likely seen the change on the site.
    /// </summary>
    public static readonly TimeSpan TemplateLife = TimeSpan.FromHours(24);

    /// <summary>
    /// A follower-sync page can be fetched at any time, and a used-up daily quota legitimately pauses it until
    /// the next day (<see cref="FollowerSync.QuotaPause"/> at a time); two days leave room for that and for an
    /// outage, after which a sync is better looked at (and started again) by an operator.
    /// </summary>
    public static readonly TimeSpan SyncPageLife = TimeSpan.FromHours(48);

    /// <summary>The last moment at which <paramref name="row"/> may still be delivered.</summary>
    public static DateTimeOffset DeliverableUntil(OutboxItem row) => row.Kind switch
    {
        // Customer-service messages reach the follower for 48 hours after their last action. The row is
        // written when their message arrives (seconds after they sent it), so its creation starts the window.
        LateReply.OutboxKind => row.CreatedAt + ReplyWindow.Length,
        // An operator's reply carries the window it was written in; rows from before that use their creation,
        // a late bound the platform's 45015 answer cuts short.
        CustomerServiceReply.OutboxKind => WindowOf(row) ?? row.CreatedAt + ReplyWindow.Length,
        TemplateSend.OutboxKind => row.CreatedAt + TemplateLife,
        FollowerSyncPage.OutboxKind => row.CreatedAt + SyncPageLife,
        _ => row.CreatedAt + TemplateLife,
    };

    /// <summary>Whether the window of delivery has closed, for the reason a row gives up with.</summary>
    public static string ClosedReason(OutboxItem row) => row.Kind is LateReply.OutboxKind or CustomerServiceReply.OutboxKind
        ? "the follower's 48-hour window for customer-service messages closed before the platform could be reached"
        : $"not delivered within {(DeliverableUntil(row) - row.CreatedAt).TotalHours:0} hours, after which it is no longer worth sending";

    private static DateTimeOffset? WindowOf(OutboxItem row)
    {
        try
        {
            return CustomerServiceReply.FromJson(row.Payload).WindowClosesAt;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
