namespace Portal.Core.WeChat.Inbound;

// The events: the common event fields, then each event's own fields and blocks.
public static partial class InboundParser
{
    private static InboundMessage BuildEvent(MessageHeader header, FieldMap fields)
    {
        var name = fields.Find("Event");
        if (name is null || !KindNames.TryGetEventKind(name, out var kind))
        {
            return Unknown(header, fields);
        }

        var key = Text(fields, "EventKey");
        return kind switch
        {
            EventKind.Subscribe => new SubscribeEvent
            {
                Header = header, Event = name, EventKey = key, Ticket = fields.Find("Ticket"),
            },
            EventKind.Unsubscribe => new UnsubscribeEvent { Header = header, Event = name, EventKey = key },
            EventKind.Scan => new ScanEvent { Header = header, Event = name, EventKey = key, Ticket = fields.Find("Ticket") },
            EventKind.Location => new LocationEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                Latitude = Double(fields, "Latitude"),
                Longitude = Double(fields, "Longitude"),
                Precision = Double(fields, "Precision"),
            },
            EventKind.Click => new ClickEvent { Header = header, Event = name, EventKey = key },
            EventKind.View => new ViewEvent { Header = header, Event = name, EventKey = key, MenuId = fields.Find("MenuId") },
            EventKind.ScanCodePush => new ScanCodePushEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                ScanType = Text(Block(fields, "ScanCodeInfo"), "ScanType"),
                ScanResult = Text(Block(fields, "ScanCodeInfo"), "ScanResult"),
            },
            EventKind.ScanCodeWaitMsg => new ScanCodeWaitMsgEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                ScanType = Text(Block(fields, "ScanCodeInfo"), "ScanType"),
                ScanResult = Text(Block(fields, "ScanCodeInfo"), "ScanResult"),
            },
            EventKind.PicSysPhoto => new PicSysPhotoEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                Count = Int32(Block(fields, "SendPicsInfo"), "Count"),
                PicMd5Sums = PicMd5Sums(Block(fields, "SendPicsInfo")),
            },
            EventKind.PicPhotoOrAlbum => new PicPhotoOrAlbumEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                Count = Int32(Block(fields, "SendPicsInfo"), "Count"),
                PicMd5Sums = PicMd5Sums(Block(fields, "SendPicsInfo")),
            },
            EventKind.PicWeixin => new PicWeixinEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                Count = Int32(Block(fields, "SendPicsInfo"), "Count"),
                PicMd5Sums = PicMd5Sums(Block(fields, "SendPicsInfo")),
            },
            EventKind.LocationSelect => LocationSelect(header, name, key, Block(fields, "SendLocationInfo")),
            EventKind.ViewMiniProgram => new ViewMiniProgramEvent
            {
                Header = header, Event = name, EventKey = key, MenuId = fields.Find("MenuId"),
            },
            EventKind.TemplateSendJobFinish => new TemplateSendJobFinishEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                MsgId = Int64(fields, "MsgID"),
                Status = Text(fields, "Status"),
            },
            EventKind.MassSendJobFinish => new MassSendJobFinishEvent
            {
                Header = header,
                Event = name,
                EventKey = key,
                MsgId = Int64(fields, "MsgID"),
                Status = Text(fields, "Status"),
                TotalCount = Int32(fields, "TotalCount"),
                FilterCount = Int32(fields, "FilterCount"),
                SentCount = Int32(fields, "SentCount"),
                ErrorCount = Int32(fields, "ErrorCount"),
            },
            EventKind.SubscribeMessagePopup => new SubscribeMessagePopupEvent
            {
                Header = header, Event = name, EventKey = key, Items = PopupItems(Block(fields, "SubscribeMsgPopupEvent")),
            },
            _ => Unknown(header, fields),
        };
    }

    /// <summary>A nested block, or an empty one when the platform left it out (its fields then read as empty).</summary>
    private static FieldMap Block(FieldMap fields, string name) => fields.FindBlock(name) ?? new FieldMap(0);

    private static LocationSelectEvent LocationSelect(MessageHeader header, string name, string key, FieldMap info) => new()
    {
        Header = header,
        Event = name,
        EventKey = key,
        LocationX = Double(info, "Location_X"),
        LocationY = Double(info, "Location_Y"),
        Scale = Int32(info, "Scale"),
        Label = Text(info, "Label"),
        Poiname = Text(info, "Poiname"),
    };

    private static List<string> PicMd5Sums(FieldMap sendPicsInfo)
    {
        var sums = new List<string>();
        var list = sendPicsInfo.FindBlock("PicList");
        if (list is null)
        {
            return sums;
        }

        foreach (var item in list)
        {
            if (item.Children is not null)
            {
                sums.Add(Text(item.Children, "PicMd5Sum"));
            }
        }

        return sums;
    }

    private static List<SubscribeMessagePopupItem> PopupItems(FieldMap block)
    {
        var items = new List<SubscribeMessagePopupItem>();
        foreach (var node in block)
        {
            if (node.Name == "List" && node.Children is { } entry)
            {
                items.Add(new SubscribeMessagePopupItem(
                    Text(entry, "TemplateId"),
                    Text(entry, "SubscribeStatusString"),
                    Int32(entry, "PopupScene")));
            }
        }

        return items;
    }
}
