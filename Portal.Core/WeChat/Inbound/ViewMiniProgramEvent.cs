namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A tap on a <c>miniprogram</c> menu button that opened a mini program (Event <c>view_miniprogram</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public sealed record ViewMiniProgramEvent : EventMessage
{
    /// <summary>The mini program page path (the EventKey).</summary>
    public string PagePath => EventKey;

    public string? MenuId { get; init; }

    public override EventKind EventKind => EventKind.ViewMiniProgram;
}
