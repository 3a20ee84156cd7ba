using Portal.Core.Accounts;
using Portal.Core.Outbox;
using Portal.Core.Platform;

namespace Portal.Core.Notifications;

/// <summary>
/// Sends a queued template message (<see cref="TemplateSend"/>) in the notifications lane: nobody is
/// waiting on it this second, but it must not queue behind a follower sync either.
/// </summary>
public sealed class TemplateSendWork(AccessTokenBroker broker, AccountDirectory accounts, TemplateClient templates) : IOutboxWork
{
    /// <summary>
    /// Template notices (points changed, order shipped) are news for about a day; later they confuse more
    /// than they tell, and the follower has likely seen the change on the site.
    /// </summary>
    public static readonly TimeSpan Life = TimeSpan.FromHours(24);

    public string Kind => TemplateSend.OutboxKind;

    public OutboxLane Lane => OutboxLane.Notifications;

    public string Label => "template message";

    public OutboxDeadline DeadlineOf(OutboxItem row) => OutboxDeadline.After(row, Life);

    public Task DeliverAsync(OutboxItem row, CancellationToken ct)
    {
        var message = TemplateSend.FromJson(row.Payload).Message;
        return broker.CallAsync(accounts.AccountOf(row), (token, c) => templates.SendAsync(token, message, c), ct);
    }
}
