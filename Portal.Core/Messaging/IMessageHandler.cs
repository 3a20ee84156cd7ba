using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>
/// Answers one kind of message. Returns the reply, or null for none (WeChat then gets <c>success</c>).
/// A handler that takes longer than the deadline is not abandoned: its reply is delivered later through
/// the customer-service API. The token is cancelled only when the app shuts down.
/// </summary>
public interface IMessageHandler
{
    ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct);
}
