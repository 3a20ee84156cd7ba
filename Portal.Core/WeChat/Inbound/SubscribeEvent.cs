namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A follow (Event <c>subscribe</c>), either plain or by scanning a parameter QR code.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public sealed record SubscribeEvent : EventMessage
{
    private const string ScenePrefix = "qrscene_";

    /// <summary>The QR code's ticket when the follow came from a parameter QR code; otherwise null.</summary>
    public string? Ticket { get; init; }

    /// <summary>
    /// The QR scene (scene_id or scene_str) when the follow came from a parameter QR code, taken from an EventKey
    /// of <c>qrscene_&lt;scene&gt;</c>; null for a plain follow.
    /// </summary>
    public string? Scene => EventKey.StartsWith(ScenePrefix, StringComparison.Ordinal) ? EventKey[ScenePrefix.Length..] : null;

    public override EventKind EventKind => EventKind.Subscribe;
}
