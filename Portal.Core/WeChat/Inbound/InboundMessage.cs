namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A message or event WeChat pushed to the account. Switch on <see cref="Kind"/> (and
/// <see cref="EventMessage.EventKind"/>) or on the concrete type.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html and
/// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public abstract record InboundMessage
{
    public required MessageHeader Header { get; init; }

    /// <summary>The account's original id (<c>gh_…</c>); a reply's FromUserName.</summary>
    public string ToUserName => Header.ToUserName;

    /// <summary>The follower's OpenID; a reply's ToUserName.</summary>
    public string FromUserName => Header.FromUserName;

    /// <summary>Unix seconds.</summary>
    public long CreateTime => Header.CreateTime;

    /// <summary>The MsgType as sent.</summary>
    public string MsgType => Header.MsgType;

    public abstract MessageKind Kind { get; }

    /// <summary>
    /// Identifies this message across WeChat's retries (same message, up to three attempts about 5 s apart).
    /// Messages: <c>FromUserName:MsgId</c>, because MsgId alone has collided across users. Events:
    /// <c>FromUserName:CreateTime:Event:EventKey</c>, because one follower can cause several events in the same
    /// second. The caller prefixes the account, since keys are only unique within one.
    /// </summary>
    public abstract string DeduplicationKey { get; }

    /// <summary>
    /// The type and key only. A record would otherwise print every field, and a message that reaches a log
    /// through string formatting would carry the follower's words, location or links with it.
    /// </summary>
    public sealed override string ToString() => $"{MsgType} {DeduplicationKey}";
}
