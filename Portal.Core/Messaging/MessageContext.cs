using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>What a handler knows about the message it answers.</summary>
/// <param name="Message">The parsed message or event.</param>
/// <param name="AppId">The account it was sent to.</param>
/// <param name="ReceivedAt">When Portal received it (not WeChat's CreateTime).</param>
public sealed record MessageContext(InboundMessage Message, string AppId, DateTimeOffset ReceivedAt);
