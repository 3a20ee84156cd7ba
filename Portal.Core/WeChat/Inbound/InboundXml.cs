using System.Buffers;
using System.Text;
using System.Xml;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// Reads an inbound body into a <see cref="FieldMap"/> in one forward pass, refusing anything that is not a
/// plain <c>&lt;xml&gt;</c> document.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
internal static class InboundXml
{
    /// <summary>Real bodies are a few kilobytes; this bounds what a forged one can make the reader chew.</summary>
    public const int MaxCharacters = 1 << 20;

    /// <summary>Real bodies nest four levels (SendPicsInfo/PicList/item/PicMd5Sum); recursion stops well past that.</summary>
    private const int MaxDepth = 8;

    // DTDs are refused outright, which rules out external entities (XXE) and entity expansion (billion laughs)
    // before any is resolved; no resolver is set in case a DTD ever got through. Whitespace is not ignored: it
    // is content inside a leaf such as Content, and skipped between elements below.
    // Shared read-only: XmlReader.Create only reads its settings.
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    public static FieldMap Read(ReadOnlySpan<byte> xml)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(xml.Length, 1));
        try
        {
            xml.CopyTo(buffer);
            return ReadPooled(buffer, xml.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static FieldMap Read(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var reader = XmlReader.Create(xml, Settings);
            return ReadRoot(reader);
        }
        catch (Exception e) when (e is XmlException or DecoderFallbackException)
        {
            throw Malformed(e);
        }
    }

    public static FieldMap Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxCharacters)
        {
            throw new InboundMessageFormatException($"The body is longer than {MaxCharacters} characters.");
        }

        // The reader sizes its buffers to a seekable stream but gives a TextReader a fixed 4K-character buffer,
        // so UTF-8 bytes cost less than half as much. Decrypted bodies never carry an XML declaration; one that
        // does keeps the TextReader, as its encoding name would no longer describe re-encoded bytes.
        if (!xml.AsSpan().TrimStart('\uFEFF').StartsWith("<?xml", StringComparison.Ordinal))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Encoding.UTF8.GetMaxByteCount(xml.Length), 1));
            try
            {
                return ReadPooled(buffer, Encoding.UTF8.GetBytes(xml, buffer));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings);
            return ReadRoot(reader);
        }
        catch (XmlException e)
        {
            throw Malformed(e);
        }
    }

    private static FieldMap ReadPooled(byte[] buffer, int length)
    {
        using var stream = new MemoryStream(buffer, 0, length, writable: false);
        return Read(stream);
    }

    private static InboundMessageFormatException Malformed(Exception e) =>
        new($"The body is not well-formed XML: {e.Message}", e);

    private static FieldMap ReadRoot(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != "xml")
        {
            throw new InboundMessageFormatException("The root element must be <xml>.");
        }

        var root = ReadElement(reader, depth: 0);

        // Anything after the root must still be well-formed: the reader throws on a second root or junk.
        while (reader.Read())
        {
        }

        return root.Children ?? new FieldMap(0);
    }

    /// <summary>Reads the element the reader is on, leaving it on the node after the element's end tag.</summary>
    private static FieldNode ReadElement(XmlReader reader, int depth)
    {
        var name = reader.Name;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return new FieldNode(name, "", null);
        }

        if (depth >= MaxDepth)
        {
            throw new InboundMessageFormatException($"Elements are nested more than {MaxDepth} deep.");
        }

        var text = "";
        FieldMap? children = null;
        Advance(reader);
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    (children ??= new FieldMap(depth == 0 ? 12 : 4)).Add(ReadElement(reader, depth + 1));
                    continue;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    // Usually one node; a comment or CDATA boundary inside a value splits it into several.
                    text = text.Length == 0 ? reader.Value : string.Concat(text, reader.Value);
                    break;
            }

            Advance(reader);
        }

        // Past the end tag; after the root this may be the end of input.
        reader.Read();

        // An element with child elements is a block; whitespace between its children is layout, not content.
        return new FieldNode(name, children is null ? text : "", children);
    }

    private static void Advance(XmlReader reader)
    {
        if (!reader.Read())
        {
            throw new InboundMessageFormatException("The body ends inside an element.");
        }
    }
}
