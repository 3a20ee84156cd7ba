using Portal.Core.Accounts;
using Portal.Core.Followers;
using Portal.Core.Operators;
using Portal.Core.Outbox;

namespace Portal.Core.Inbox;

/// <summary>
/// An operator's reply to a follower: refused before anything is queued when the platform would refuse
/// it (the 48-hour window closed, the follower gone), else queued in the outbox with its log row and audit
/// entry in one transaction. The outbox delivers it; the platform may still refuse (45015 when the window
/// closed meanwhile), and the row then ends failed with that reason for the pages to show.
/// </summary>
public sealed class InboxReplies(FollowerStore followers, InboxStore inbox, OutboxStore outbox, AuditLog audit, TimeProvider time)
{
    /// <summary>A customer-service text may hold up to 2048 bytes; keep well inside it.</summary>
    public const int MaxLength = 600;

    public async Task<ReplyOutcome> QueueAsync(AuditActor actor, WeChatAccount account, string openId, string? text, CancellationToken ct = default)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
            return ReplyOutcome.Refused("Write the reply first.");
        if (text.Length > MaxLength)
            return ReplyOutcome.Refused($"A reply can be at most {MaxLength} characters; this one has {text.Length}.");
        var follower = await followers.GetAsync(account.Id, openId, ct).ConfigureAwait(false);
        if (follower is null)
            return ReplyOutcome.Refused("Portal has no record of this follower, so it cannot tell whether WeChat would deliver a reply.");
        if (!follower.Subscribed)
            return ReplyOutcome.Refused("They no longer follow the account: WeChat delivers nothing to them. Nothing was queued.");
        var now = time.GetUtcNow();
        if (!ReplyWindow.IsOpen(follower.LastInteractionAt, now))
            return ReplyOutcome.Refused($"The 48-hour window is {ReplyWindow.Describe(follower.LastInteractionAt, now)}. WeChat accepts customer-service messages only within 48 hours of the follower's last message, menu tap or follow. Nothing was queued; they can be answered once they write again.");

        var key = $"cs-reply:{Guid.NewGuid():N}";
        var payload = new CustomerServiceReply(text, actor.Name, follower.LastInteractionAt + ReplyWindow.Length);
        await followers.InTransactionAsync(async tx =>
        {
            await outbox.EnqueueAsync(tx, CustomerServiceReply.OutboxKind, key, openId, payload.ToJson(), ct, account.Id).ConfigureAwait(false);
            await inbox.RecordReplyAsync(tx, account.Id, openId, text, key, now, ct).ConfigureAwait(false);
            await audit.RecordAsync(tx, actor.On(account.Id), FollowerEditor.EntityType, openId, "reply", null, new { Text = text, Outbox = key }, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return ReplyOutcome.Queued(key);
    }
}

/// <summary>A reply queued under its outbox key, or refused with the reason in plain words.</summary>
public sealed record ReplyOutcome(string? OutboxKey, string? Problem)
{
    public static ReplyOutcome Queued(string key) => new(key, null);

    public static ReplyOutcome Refused(string problem) => new(null, problem);
}
