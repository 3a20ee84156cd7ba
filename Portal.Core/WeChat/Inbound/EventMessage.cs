using System.Globalization;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// An event (MsgType <c>event</c>): something the follower did, or a job the platform finished.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public abstract record EventMessage : InboundMessage
{
    /// <summary>The Event value exactly as sent; <see cref="EventKind"/> is its case-insensitive reading.</summary>
    public required string Event { get; init; }

    /// <summary>The EventKey as sent, or empty when the event has none.</summary>
    public string EventKey { get; init; } = "";

    public abstract EventKind EventKind { get; }

    public sealed override MessageKind Kind => MessageKind.Event;

    public override string DeduplicationKey =>
        string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{CreateTime}:{Event}:{EventKey}");
}
