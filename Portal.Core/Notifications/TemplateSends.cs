using Portal.Core.Outbox;
using Portal.Core.Platform;

namespace Portal.Core.Notifications;

/// <summary>Queues template messages for durable delivery.</summary>
public sealed class TemplateSends(OutboxStore outbox)
{
    /// <summary>
    /// Queues <paramref name="message"/> once per <paramref name="idempotencyKey"/> (e.g. <c>points:order-42</c>):
    /// enqueuing the same notice twice keeps one row. The key also goes to the platform as client_msg_id,
    /// so a send retried after an unclear failure is not shown twice. False when the key was already queued.
    /// <paramref name="accountId"/> is the account that sends it: the member's.
    /// </summary>
    public Task<bool> EnqueueAsync(string idempotencyKey, TemplateMessage message, CancellationToken ct = default, int accountId = Accounts.WeChatAccount.DefaultId)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var payload = new TemplateSend(message with { ClientMsgId = message.ClientMsgId ?? idempotencyKey });
        return outbox.EnqueueAsync(TemplateSend.OutboxKind, idempotencyKey, message.ToUser, OutboxStatus.Ready, payload.ToJson(), ct: ct, accountId: accountId);
    }
}
