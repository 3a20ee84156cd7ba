namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// An automatic location report (Event <c>LOCATION</c>), sent on entering the chat or periodically if the account
/// asked for it.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public sealed record LocationEvent : EventMessage
{
    public required double Latitude { get; init; }

    public required double Longitude { get; init; }

    /// <summary>Accuracy of the position.</summary>
    public required double Precision { get; init; }

    public override EventKind EventKind => EventKind.Location;
}
