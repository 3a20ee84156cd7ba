using System.Text;

namespace Portal.Core.WeChat.Inbound;

/// <summary>One element of an inbound body: a leaf with its text, or a block with child elements.</summary>
internal readonly record struct FieldNode(string Name, string Value, FieldMap? Children);

/// <summary>
/// The elements of an inbound body (or of one block inside it), in document order. Bodies have a dozen fields,
/// so a list searched by name beats a dictionary's hashing and allocation.
/// </summary>
internal sealed class FieldMap(int capacity)
{
    private readonly List<FieldNode> _nodes = new(capacity);

    public void Add(FieldNode node) => _nodes.Add(node);

    public List<FieldNode>.Enumerator GetEnumerator() => _nodes.GetEnumerator();

    /// <summary>The text of the first leaf element with this name, or null.</summary>
    public string? Find(string name)
    {
        foreach (var node in _nodes)
        {
            if (node.Children is null && node.Name == name)
            {
                return node.Value;
            }
        }

        return null;
    }

    /// <summary>The children of the first element with this name that has child elements, or null.</summary>
    public FieldMap? FindBlock(string name)
    {
        foreach (var node in _nodes)
        {
            if (node.Children is not null && node.Name == name)
            {
                return node.Children;
            }
        }

        return null;
    }

    /// <summary>Top-level fields by name, blocks serialised back to XML; for <see cref="UnknownMessage"/>.</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var fields = new Dictionary<string, string>(_nodes.Count, StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            fields.TryAdd(node.Name, node.Children is null ? node.Value : node.Children.ToXml());
        }

        return fields;
    }

    private string ToXml()
    {
        var xml = new StringBuilder();
        AppendXml(xml);
        return xml.ToString();
    }

    private void AppendXml(StringBuilder xml)
    {
        foreach (var node in _nodes)
        {
            xml.Append('<').Append(node.Name).Append('>');
            if (node.Children is null)
            {
                AppendEscaped(xml, node.Value);
            }
            else
            {
                node.Children.AppendXml(xml);
            }

            xml.Append("</").Append(node.Name).Append('>');
        }
    }

    private static void AppendEscaped(StringBuilder xml, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => xml.Append("&amp;"),
                '<' => xml.Append("&lt;"),
                '>' => xml.Append("&gt;"),
                _ => xml.Append(c),
            };
        }
    }
}
