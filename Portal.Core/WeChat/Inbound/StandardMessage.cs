using System.Globalization;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A message a follower sent (as opposed to an event): it has a MsgId, which is what WeChat repeats on retries.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public abstract record StandardMessage : InboundMessage
{
    /// <summary>The 64-bit message id.</summary>
    public required long MsgId { get; init; }

    public sealed override string DeduplicationKey =>
        string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{MsgId}");
}
