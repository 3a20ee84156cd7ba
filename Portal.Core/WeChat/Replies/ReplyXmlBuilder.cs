using System.Buffers;
using System.Globalization;

namespace Portal.Core.WeChat.Replies;

/// <summary>
/// Builds reply XML into a stack buffer that grows into pooled arrays, so a reply costs one string. Every string
/// goes into CDATA in a form that keeps the document well-formed whatever the text holds.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
internal ref struct ReplyXmlBuilder
{
    private const string CDataOpen = "<![CDATA[";
    private const string CDataClose = "]]>";

    // What cannot be copied into CDATA as is: '>' (it may close the section after "]]"), characters XML 1.0
    // forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) and surrogates, which are kept only in pairs.
    private static readonly SearchValues<char> NeedsCare = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        ">\uFFFE\uFFFF" + Surrogates());

    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    public ReplyXmlBuilder(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    /// <summary>Markup written as is; callers pass only literals.</summary>
    public void Raw(ReadOnlySpan<char> markup)
    {
        EnsureSpace(markup.Length);
        markup.CopyTo(_chars[_length..]);
        _length += markup.Length;
    }

    /// <summary><c>&lt;name&gt;&lt;![CDATA[text]]&gt;&lt;/name&gt;</c>; null writes an empty section.</summary>
    public void TextElement(string name, string? text)
    {
        Raw("<");
        Raw(name);
        Raw(">");
        CData(text);
        Raw("</");
        Raw(name);
        Raw(">");
    }

    /// <summary>An element holding a bare number, as WeChat writes CreateTime and ArticleCount.</summary>
    public void NumberElement(string name, long value)
    {
        Raw("<");
        Raw(name);
        Raw(">");
        EnsureSpace(20);
        value.TryFormat(_chars[_length..], out var written, provider: CultureInfo.InvariantCulture);
        _length += written;
        Raw("</");
        Raw(name);
        Raw(">");
    }

    public override readonly string ToString() => new(_chars[.._length]);

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void CData(string? text)
    {
        Raw(CDataOpen);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = rest.IndexOfAny(NeedsCare);
            if (special < 0)
            {
                Raw(rest);
                break;
            }

            Raw(rest[..special]);
            var c = rest[special];
            if (c == '>')
            {
                // "]]>" would end the section early: end it after the "]]" and open a new one for the '>'.
                // The check looks at what was written, so a dropped character between "]]" and '>' is covered.
                if (_chars[.._length].EndsWith("]]"))
                {
                    Raw(CDataClose);
                    Raw(CDataOpen);
                }

                Raw(">");
                rest = rest[(special + 1)..];
            }
            else if (char.IsHighSurrogate(c) && special + 1 < rest.Length && char.IsLowSurrogate(rest[special + 1]))
            {
                Raw(rest.Slice(special, 2));
                rest = rest[(special + 2)..];
            }
            else
            {
                // Not allowed anywhere in an XML 1.0 document, escaped or not: WeChat would reject the reply.
                rest = rest[(special + 1)..];
            }
        }

        Raw(CDataClose);
    }

    private void EnsureSpace(int count)
    {
        if (_length + count <= _chars.Length)
        {
            return;
        }

        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + count));
        _chars[.._length].CopyTo(larger);
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }

        _rented = larger;
        _chars = larger;
    }

    private static string Surrogates() => string.Create(0xE000 - 0xD800, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }
    });
}
