namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A menu button that opened the scanner: <c>scancode_push</c> (the client handles the code) or
/// <c>scancode_waitmsg</c> (the client waits for the account's reply).
/// See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public abstract record ScanCodeEvent : EventMessage
{
    /// <summary>The code type from ScanCodeInfo, for example <c>qrcode</c> or <c>barcode</c>.</summary>
    public required string ScanType { get; init; }

    /// <summary>The scanned content from ScanCodeInfo.</summary>
    public required string ScanResult { get; init; }
}

/// <summary>Event <c>scancode_push</c>. See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html</summary>
public sealed record ScanCodePushEvent : ScanCodeEvent
{
    public override EventKind EventKind => EventKind.ScanCodePush;
}

/// <summary>Event <c>scancode_waitmsg</c>. See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html</summary>
public sealed record ScanCodeWaitMsgEvent : ScanCodeEvent
{
    public override EventKind EventKind => EventKind.ScanCodeWaitMsg;
}
