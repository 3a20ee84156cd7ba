using System.Globalization;
using System.Numerics;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// Turns a decrypted (or plain-mode) body into a typed <see cref="InboundMessage"/>. Unrecognised types and events
/// become <see cref="UnknownMessage"/>; only a body that is not a WeChat message at all throws.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public static partial class InboundParser
{
    /// <exception cref="InboundMessageFormatException">The body is malformed or lacks a common field.</exception>
    public static InboundMessage Parse(ReadOnlySpan<byte> xml) => Build(InboundXml.Read(xml));

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static InboundMessage Parse(Stream xml) => Build(InboundXml.Read(xml));

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static InboundMessage Parse(string xml) => Build(InboundXml.Read(xml));

    private static InboundMessage Build(FieldMap fields)
    {
        var header = new MessageHeader(
            RequiredText(fields, "ToUserName"),
            RequiredText(fields, "FromUserName"),
            RequiredInt64(fields, "CreateTime"),
            RequiredText(fields, "MsgType"));

        if (!KindNames.TryGetMessageKind(header.MsgType, out var kind))
        {
            return Unknown(header, fields);
        }

        return kind switch
        {
            MessageKind.Text => new TextMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                Content = Text(fields, "Content"),
                MsgDataId = fields.Find("MsgDataId"),
                Idx = OptionalNumber<int>(fields, "Idx"),
                BizMsgMenuId = fields.Find("bizmsgmenuid"),
            },
            MessageKind.Image => new ImageMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                PicUrl = Text(fields, "PicUrl"),
                MediaId = Text(fields, "MediaId"),
            },
            MessageKind.Voice => new VoiceMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                MediaId = Text(fields, "MediaId"),
                Format = Text(fields, "Format"),
                Recognition = fields.Find("Recognition"),
                MediaId16K = fields.Find("MediaId16K"),
            },
            MessageKind.Video => new VideoMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                MediaId = Text(fields, "MediaId"),
                ThumbMediaId = Text(fields, "ThumbMediaId"),
            },
            MessageKind.ShortVideo => new ShortVideoMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                MediaId = Text(fields, "MediaId"),
                ThumbMediaId = Text(fields, "ThumbMediaId"),
            },
            MessageKind.Location => new LocationMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                LocationX = Double(fields, "Location_X"),
                LocationY = Double(fields, "Location_Y"),
                Scale = Int32(fields, "Scale"),
                Label = Text(fields, "Label"),
            },
            MessageKind.Link => new LinkMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                Title = Text(fields, "Title"),
                Description = Text(fields, "Description"),
                Url = Text(fields, "Url"),
            },
            MessageKind.File => new FileMessage
            {
                Header = header,
                MsgId = RequiredInt64(fields, "MsgId"),
                Title = Text(fields, "Title"),
                Description = Text(fields, "Description"),
                FileKey = Text(fields, "FileKey"),
                FileMd5 = Text(fields, "FileMd5"),
                FileTotalLen = Int64(fields, "FileTotalLen"),
            },
            MessageKind.Event => BuildEvent(header, fields),
            _ => Unknown(header, fields),
        };
    }

    private static UnknownMessage Unknown(MessageHeader header, FieldMap fields) =>
        new() { Header = header, Fields = fields.ToDictionary() };

    /// <summary>A type-specific string field; absent reads as empty, since the platform omits empty ones at times.</summary>
    private static string Text(FieldMap fields, string name) => fields.Find(name) ?? "";

    private static string RequiredText(FieldMap fields, string name)
    {
        var value = fields.Find(name);
        return string.IsNullOrEmpty(value)
            ? throw new InboundMessageFormatException($"The body has no {name}.")
            : value;
    }

    /// <summary>Required numbers: CreateTime and MsgId, which de-duplication depends on.</summary>
    private static long RequiredInt64(FieldMap fields, string name) =>
        OptionalNumber<long>(fields, name) ?? throw new InboundMessageFormatException($"The body has no {name}.");

    private static long Int64(FieldMap fields, string name) => OptionalNumber<long>(fields, name) ?? 0;

    private static int Int32(FieldMap fields, string name) => OptionalNumber<int>(fields, name) ?? 0;

    private static double Double(FieldMap fields, string name) => OptionalNumber<double>(fields, name) ?? 0;

    /// <summary>Absent or empty reads as null; present and not a number is a malformed body.</summary>
    private static T? OptionalNumber<T>(FieldMap fields, string name)
        where T : struct, INumber<T>
    {
        var value = fields.Find(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // Nearly every number WeChat sends is plain digits, which the integer style reads on its fast path; the float
        // style, tried second, also takes signs, decimals and exponents.
        return T.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            || T.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            ? number
            : throw NotANumber(name);
    }

    private static InboundMessageFormatException NotANumber(string name) => new($"{name} is not a number.");
}
