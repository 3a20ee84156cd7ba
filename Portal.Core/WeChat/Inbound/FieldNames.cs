using System.Text;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The element names WeChat's bodies use, as shared strings: every message names a dozen of them, and a fresh
/// string for each would be garbage by the time the reply is sent.
/// </summary>
internal static class FieldNames
{
    private static readonly string[] Known =
    [
        "xml", "ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "MsgID", "MsgDataId", "Idx", "Content",
        "Encrypt", "Event", "EventKey", "Ticket", "MenuId", "bizmsgmenuid", "PicUrl", "MediaId", "Format", "Recognition",
        "ThumbMediaId", "Location_X", "Location_Y", "Scale", "Label", "Title", "Description", "Url", "FileKey",
        "FileMd5", "FileTotalLen", "Latitude", "Longitude", "Precision", "ScanCodeInfo", "ScanType", "ScanResult",
        "SendPicsInfo", "Count", "PicList", "item", "PicMd5Sum", "SendLocationInfo", "Poiname", "Status",
        "TotalCount", "FilterCount", "SentCount", "ErrorCount", "SubscribeMsgPopupEvent", "List", "TemplateId",
        "SubscribeStatusString", "PopupScene",
    ];

    // Indexed by UTF-8 length, so a lookup compares a handful of candidates at most.
    private static readonly (byte[] Utf8, string Name)[][] ByLength = BuildTable();

    /// <summary>The shared string for a known name; a new one for any other.</summary>
    public static string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < ByLength.Length)
        {
            foreach (var (bytes, name) in ByLength[utf8.Length])
            {
                if (utf8.SequenceEqual(bytes))
                    return name;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private static (byte[], string)[][] BuildTable()
    {
        var table = new List<(byte[], string)>[Known.Max(n => n.Length) + 1];
        for (var i = 0; i < table.Length; i++)
            table[i] = [];
        foreach (var name in Known)
            table[name.Length].Add((Encoding.UTF8.GetBytes(name), name));
        return [.. table.Select(candidates => candidates.ToArray())];
    }
}
