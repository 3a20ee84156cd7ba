using System.Text;
using System.Xml;
using Portal.Core.WeChat.Inbound;

namespace Portal.Tests.WeChat;

/// <summary>
/// The framework's XmlReader, configured as Portal's parser once was (DTDs prohibited, no resolver), reading the
/// same tree shape: the reference that <see cref="InboundXmlReader"/> is held to. Null when it refuses the input.
/// </summary>
internal static class XmlReaderOracle
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
    };

    public static string? Read(byte[] xml)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), Settings);
            reader.MoveToContent();
            var tree = new StringBuilder();
            Element(reader, tree, root: true);
            while (reader.Read())
            {
            }
            return tree.ToString();
        }
        catch (Exception e) when (e is XmlException or DecoderFallbackException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The same rendering of the new reader's result, for comparison.</summary>
    public static string Render(string root, FieldMap fields)
    {
        var tree = new StringBuilder();
        tree.Append('(').Append(root);
        Render(fields, tree);
        return tree.Append(')').ToString();
    }

    private static void Render(FieldMap fields, StringBuilder tree)
    {
        foreach (var node in fields)
        {
            tree.Append('(').Append(node.Name);
            if (node.Children is null)
                tree.Append('=').Append(Escape(node.Value));
            else
                Render(node.Children, tree);
            tree.Append(')');
        }
    }

    private static void Element(XmlReader reader, StringBuilder tree, bool root = false)
    {
        tree.Append('(').Append(reader.Name);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            tree.Append(root ? ")" : "=)");
            return;
        }
        var text = new StringBuilder();
        var children = new StringBuilder();
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                Element(reader, children);
                continue;
            }
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                text.Append(reader.Value);
            if (!reader.Read())
                throw new XmlException("ended inside an element");
        }
        reader.Read();
        if (children.Length > 0 || root)
            tree.Append(children);
        else
            tree.Append('=').Append(Escape(text.ToString()));
        tree.Append(')');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal);
}
