using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Portal.Core.Links;

namespace Portal.Core.Site;

/// <summary>
/// Makes an operator's article or page HTML safe to serve to followers: parsed the way a browser parses it
/// (AngleSharp's HTML5 parser, so unclosed tags, odd quoting and entities mean what they mean to the
/// browser), then written out again keeping only formatting tags and a few attributes whose URLs are
/// http, https or relative. Everything is re-serialised from the tree, never copied from the input, so
/// what comes out is well-formed and has no markup the list does not name.
/// </summary>
public static class HtmlAllowList
{
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img", "hr",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal) { "br", "img", "hr" };

    // Dropped with everything inside: their content is code, styling or a document of its own, not text
    // a reader should see. Other unknown tags (div, span, font, h1…) are unwrapped and their text kept.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "template",
        "noscript", "noembed", "noframes", "textarea", "select", "option", "button", "input", "form", "title",
        "head", "meta", "link", "base", "xmp", "plaintext", "canvas", "audio", "video", "source", "param",
    };

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public static string Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return "";
        // Parsed as the children of a <body>, as the article's body is when the page shows it.
        var context = Parser.ParseDocument("").Body!;
        var nodes = Parser.ParseFragment(html, context);
        var output = new StringBuilder(html.Length);
        foreach (var node in nodes)
            Write(node, output);
        return output.ToString().Trim();
    }

    private static void Write(INode node, StringBuilder output)
    {
        switch (node)
        {
            case IText text:
                output.Append(WebUtility.HtmlEncode(text.Data));
                break;
            case IElement element:
                WriteElement(element, output);
                break;
            // Comments, doctypes and processing instructions are dropped.
        }
    }

    private static void WriteElement(IElement element, StringBuilder output)
    {
        // Only HTML-namespace elements: an <svg><a> or <math><img> is not the element its name suggests.
        var name = element.LocalName;
        if (element.NamespaceUri != NamespaceNames.HtmlUri || DroppedWithContent.Contains(name))
            return;
        if (!Kept.Contains(name))
        {
            foreach (var child in element.ChildNodes)
                Write(child, output);
            return;
        }

        var src = name == "img" ? SafeUrl(element.GetAttribute("src"), allowContactSchemes: false) : null;
        if (name == "img" && src is null)
            return;   // an image with no safe source is no image at all

        output.Append('<').Append(name);
        switch (name)
        {
            case "a":
                if (SafeUrl(element.GetAttribute("href"), allowContactSchemes: true) is { } href)
                    Attribute(output, "href", href);
                if (element.GetAttribute("title") is { Length: > 0 } linkTitle)
                    Attribute(output, "title", linkTitle);
                // Links leave for sites the account does not control: no window.opener, no ranking credit.
                Attribute(output, "rel", "nofollow noopener noreferrer");
                break;
            case "img":
                Attribute(output, "src", src!);
                Attribute(output, "alt", element.GetAttribute("alt") ?? "");
                output.Append(" loading=\"lazy\"");
                break;
        }
        output.Append('>');
        if (Void.Contains(name))
            return;
        foreach (var child in element.ChildNodes)
            Write(child, output);
        output.Append("</").Append(name).Append('>');
    }

    private static void Attribute(StringBuilder output, string name, string value) =>
        output.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');

    /// <summary>
    /// The URL when it passes <see cref="LinkAllowList"/> (http, https or a path on this site) or, for
    /// links, is mailto:, tel: or a #fragment of the page itself; else null. The parser has already decoded
    /// entities (<c>&amp;#106;avascript:</c> arrives as <c>javascript:</c>), and the allow-list refuses the
    /// whitespace and control characters browsers would ignore inside a scheme.
    /// </summary>
    public static string? SafeUrl(string? url, bool allowContactSchemes)
    {
        if (LinkAllowList.Clean(url) is { } allowed)
            return allowed;
        if (!allowContactSchemes || url is null)
            return null;
        var value = url.Trim();
        var inPage = value.StartsWith('#') || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase);
        return inPage && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\') ? value : null;
    }
}
