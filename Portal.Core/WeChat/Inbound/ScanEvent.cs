namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A follower who already follows scanned a parameter QR code (Event <c>SCAN</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public sealed record ScanEvent : EventMessage
{
    public string? Ticket { get; init; }

    /// <summary>The QR scene; unlike a follow's EventKey it has no <c>qrscene_</c> prefix.</summary>
    public string Scene => EventKey;

    public override EventKind EventKind => EventKind.Scan;
}
