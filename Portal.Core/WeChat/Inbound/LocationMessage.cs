namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A location the follower shared in the chat (MsgType <c>location</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record LocationMessage : StandardMessage
{
    /// <summary>Latitude (<c>Location_X</c>).</summary>
    public required double LocationX { get; init; }

    /// <summary>Longitude (<c>Location_Y</c>).</summary>
    public required double LocationY { get; init; }

    /// <summary>Map zoom level.</summary>
    public required int Scale { get; init; }

    public required string Label { get; init; }

    public override MessageKind Kind => MessageKind.Location;
}
