namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// What an inbound message is, for a router's switch; events are one kind here and split further by
/// <see cref="EventKind"/>.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public enum MessageKind
{
    /// <summary>A MsgType or Event this layer does not model; the message is an <see cref="UnknownMessage"/>.</summary>
    Unknown = 0,
    Text,
    Image,
    Voice,
    Video,
    ShortVideo,
    Location,
    Link,
    File,

    /// <summary>MsgType <c>event</c>; the message is an <see cref="EventMessage"/>.</summary>
    Event,
}
