using Portal.Core.Accounts;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Inbox;

/// <summary>
/// Delivers an operator's reply from the inbox (<see cref="CustomerServiceReply"/>) as a customer-service
/// message, in the replies lane beside late replies: the follower asked and waits.
/// </summary>
public sealed class CustomerServiceReplyWork(AccessTokenBroker broker, AccountDirectory accounts, CustomServiceClient customService) : IOutboxWork
{
    public string Kind => CustomerServiceReply.OutboxKind;

    public OutboxLane Lane => OutboxLane.Replies;

    public string Label => "inbox reply";

    /// <summary>
    /// The reply carries the window it was written in; rows from before that use their creation, a late
    /// bound the platform's 45015 answer cuts short.
    /// </summary>
    public OutboxDeadline DeadlineOf(OutboxItem row) =>
        new(WindowOf(row) ?? row.CreatedAt + ReplyWindow.Length,
            "the follower's 48-hour window for customer-service messages closed before the platform could be reached");

    public Task DeliverAsync(OutboxItem row, CancellationToken ct)
    {
        var reply = CustomerServiceReply.FromJson(row.Payload);
        return broker.CallAsync(accounts.AccountOf(row), async (token, c) =>
        {
            await customService.SendAsync(token, row.OpenId!, new TextReply(reply.Text), c).ConfigureAwait(false);
            return true;
        }, ct);
    }

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
