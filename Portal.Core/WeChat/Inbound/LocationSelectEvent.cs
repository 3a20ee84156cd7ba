namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A menu button that let the follower pick a location (Event <c>location_select</c>); the fields come from
/// SendLocationInfo.
/// See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public sealed record LocationSelectEvent : EventMessage
{
    /// <summary>Latitude (<c>Location_X</c>).</summary>
    public required double LocationX { get; init; }

    /// <summary>Longitude (<c>Location_Y</c>).</summary>
    public required double LocationY { get; init; }

    public required int Scale { get; init; }

    public required string Label { get; init; }

    /// <summary>The point of interest's name; empty when the follower picked a bare position.</summary>
    public required string Poiname { get; init; }

    public override EventKind EventKind => EventKind.LocationSelect;
}
