using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A forward-only reader of the XML that WeChat posts, straight from UTF-8 bytes: elements, text, CDATA sections,
/// the five predefined entities and character references, comments and processing instructions. A DTD is refused
/// where it starts, so no entity is ever declared, expanded or fetched; attributes are checked and ignored.
/// </summary>
/// <remarks>
/// It replaces <c>XmlReader</c> on the webhook's path. That reader allocated about as much per message as the rest
/// of the pipeline (its buffers, name table and namespace manager), and garbage collection is what sets the
/// webhook's tail latency. On well-formed input it gives the results <c>XmlReader</c> gave: a differential test
/// holds the two side by side. Namespaces are not interpreted (WeChat uses none); a prefixed name is just a name.
/// </remarks>
internal ref struct InboundXmlReader
{
    /// <summary>Real bodies nest four levels (SendPicsInfo/PicList/item/PicMd5Sum); recursion stops well past that.</summary>
    private const int MaxDepth = 8;

    private const int MaxAttributes = 16;

    // Bytes XML does not allow anywhere, not even escaped in CDATA: the C0 controls other than tab, LF and CR.
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly SearchValues<byte> NeedsDecoding = SearchValues.Create("&\r"u8);

    private readonly ReadOnlySpan<byte> _xml;
    private int _at;

    // A top-level field whose value is wanted as a range of the input rather than a string, and where it was.
    private readonly ReadOnlySpan<byte> _rawField;
    private Range? _raw;

    // Holds a value that had to be unescaped or pieced together; rented on first need, as large as the input.
    private byte[]? _scratch;

    private InboundXmlReader(ReadOnlySpan<byte> xml, ReadOnlySpan<byte> rawField)
    {
        _xml = xml;
        _rawField = rawField;
    }

    /// <param name="xml">The document's UTF-8 bytes.</param>
    /// <param name="declaredEncodingApplies">
    /// False when the bytes were re-encoded from text, so that an XML declaration's encoding no longer describes them.
    /// </param>
    public static FieldMap Read(ReadOnlySpan<byte> xml, bool declaredEncodingApplies) => Read(xml, declaredEncodingApplies, [], out _);

    /// <summary>
    /// Reads the document, giving the top-level field <paramref name="rawField"/> as a range of <paramref name="xml"/>
    /// instead of a string when its value needs no unescaping (its entry in the map is then empty); null otherwise.
    /// </summary>
    public static FieldMap Read(ReadOnlySpan<byte> xml, bool declaredEncodingApplies, ReadOnlySpan<byte> rawField, out Range? raw)
    {
        if (!Utf8.IsValid(xml))
            throw Malformed("it is not valid UTF-8");
        if (xml.IndexOfAny(Forbidden) is var control and >= 0)
            throw Malformed($"it contains the control character 0x{xml[control]:X2}");

        var reader = new InboundXmlReader(xml, rawField);
        try
        {
            var fields = reader.ReadDocument(declaredEncodingApplies);
            raw = reader._raw;
            return fields;
        }
        finally
        {
            if (reader._scratch is { } scratch)
                ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private FieldMap ReadDocument(bool declaredEncodingApplies)
    {
        if (_xml.StartsWith("\uFEFF"u8))
            _at = 3;
        if (Rest.StartsWith("<?xml"u8) && Rest.Length > 5 && (IsSpace(Rest[5]) || Rest[5] == '?'))
            ReadDeclaration(declaredEncodingApplies);
        SkipMisc();
        if (!Rest.StartsWith("<"u8) || Rest.StartsWith("<!"u8))
            throw Rest.StartsWith("<!DOCTYPE"u8) ? Malformed("a DTD is not allowed") : Malformed("it has no root element");
        var root = ReadElement(depth: 0);
        if (root.Name != "xml")
            throw new InboundMessageFormatException("The root element must be <xml>.");
        SkipMisc();
        if (_at < _xml.Length)
            throw Malformed("there is content after the root element");
        return root.Children ?? new FieldMap(0);
    }

    private readonly ReadOnlySpan<byte> Rest => _xml[_at..];

    /// <summary>Reads the element whose start tag begins at the current position, through its end tag.</summary>
    private FieldNode ReadElement(int depth)
    {
        _at++; // '<'
        var name = ReadName();
        if (ReadAttributes())
            return new FieldNode(FieldNames.Intern(name), "", null);
        if (depth >= MaxDepth)
            throw new InboundMessageFormatException($"Elements are nested more than {MaxDepth} deep.");

        var text = new Text();
        FieldMap? children = null;
        while (true)
        {
            if (_at >= _xml.Length)
                throw new InboundMessageFormatException("The body ends inside an element.");
            if (_xml[_at] != '<')
            {
                var length = TextRunLength();
                if (Rest[..length].IndexOf("]]>"u8) >= 0)
                    throw Malformed("']]>' appears in text");
                // Text beside child elements is layout, not content: it is checked but not kept.
                Append(ref text, _at, length, children is null, decodeReferences: true);
                _at += length;
            }
            else if (Rest.StartsWith("</"u8))
            {
                _at += 2;
                if (!Rest.StartsWith(name) || _at + name.Length >= _xml.Length || IsNameByte(_xml[_at + name.Length]))
                    throw Malformed($"the element <{Encoding.UTF8.GetString(name)}> is closed by another name");
                _at += name.Length;
                SkipSpaces();
                Expect((byte)'>');
                break;
            }
            else if (Rest.StartsWith("<![CDATA["u8))
            {
                _at += 9;
                var length = Rest.IndexOf("]]>"u8);
                if (length < 0)
                    throw Malformed("a CDATA section is not closed");
                Append(ref text, _at, length, children is null, decodeReferences: false);
                _at += length + 3;
            }
            else if (Rest.StartsWith("<!--"u8))
            {
                SkipComment();
            }
            else if (Rest.StartsWith("<?"u8))
            {
                SkipProcessingInstruction();
            }
            else if (Rest.StartsWith("<!"u8))
            {
                throw Rest.StartsWith("<!DOCTYPE"u8) ? Malformed("a DTD is not allowed") : Malformed("a declaration appears inside an element");
            }
            else
            {
                (children ??= new FieldMap(depth == 0 ? 12 : 4)).Add(ReadElement(depth + 1));
            }
        }

        if (children is null && depth == 1 && !text.InScratch && _raw is null && !_rawField.IsEmpty && name.SequenceEqual(_rawField))
        {
            _raw = new Range(text.Start, text.Start + text.Length);
            return new FieldNode(FieldNames.Intern(name), "", null);
        }

        return new FieldNode(FieldNames.Intern(name), children is null ? ToString(text) : "", children);
    }

    /// <summary>Checks the start tag's attributes (their values are not used); true when the tag closes itself.</summary>
    private bool ReadAttributes()
    {
        // WeChat sends no attributes; a handful are allowed, each name once, as XML requires.
        Span<Range> names = stackalloc Range[MaxAttributes];
        var count = 0;
        while (true)
        {
            var spaced = SkipSpaces();
            if (Rest.StartsWith("/>"u8))
            {
                _at += 2;
                return true;
            }
            if (Rest.StartsWith(">"u8))
            {
                _at++;
                return false;
            }
            if (!spaced)
                throw Malformed("a start tag is malformed");
            var start = _at;
            var name = ReadName();
            foreach (var earlier in names[..count])
            {
                if (_xml[earlier].SequenceEqual(name))
                    throw Malformed("an attribute appears twice in one tag");
            }
            if (count == MaxAttributes)
                throw Malformed($"a tag has more than {MaxAttributes} attributes");
            names[count++] = new Range(start, _at);
            SkipSpaces();
            Expect((byte)'=');
            SkipSpaces();
            if (_at >= _xml.Length || _xml[_at] is not ((byte)'"' or (byte)'\''))
                throw Malformed("an attribute value is not quoted");
            var quote = _xml[++_at - 1];
            var length = Rest.IndexOf(quote);
            if (length < 0)
                throw Malformed("an attribute value is not closed");
            var value = Rest[..length];
            if (value.IndexOf((byte)'<') >= 0)
                throw Malformed("'<' appears in an attribute value");
            CheckReferences(value);
            _at += length + 1;
        }
    }

    private ReadOnlySpan<byte> ReadName()
    {
        var start = _at;
        if (_at >= _xml.Length || !IsNameStartByte(_xml[_at]))
            throw Malformed("a name is expected");
        while (_at < _xml.Length && IsNameByte(_xml[_at]))
            _at++;
        return _xml[start.._at];
    }

    /// <summary>Reads <c>&lt;?xml version="1.0" encoding="..." standalone="..."?&gt;</c>, in that order, the last two optional.</summary>
    private void ReadDeclaration(bool declaredEncodingApplies)
    {
        _at += 5;
        ReadOnlySpan<string> order = ["version", "encoding", "standalone"];
        var next = 0;
        while (true)
        {
            var spaced = SkipSpaces();
            if (Rest.StartsWith("?>"u8))
                break;
            if (!spaced)
                throw Malformed("the XML declaration is malformed");
            var name = Encoding.UTF8.GetString(ReadName());
            var index = order[next..].IndexOf(name);
            if (index < 0 || (next == 0 && index != 0))
                throw Malformed("the XML declaration is malformed");
            next += index + 1;
            SkipSpaces();
            Expect((byte)'=');
            SkipSpaces();
            if (_at >= _xml.Length || _xml[_at] is not ((byte)'"' or (byte)'\''))
                throw Malformed("the XML declaration is malformed");
            var quote = _xml[_at++];
            var length = Rest.IndexOf(quote);
            if (length < 0)
                throw Malformed("the XML declaration is not closed");
            var value = Encoding.UTF8.GetString(Rest[..length]);
            _at += length + 1;
            var valid = name switch
            {
                "version" => value == "1.0", // as XmlReader: XML 1.1 is not supported there either
                "standalone" => value is "yes" or "no",
                _ => value.Length > 0 && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'),
            };
            if (!valid)
                throw Malformed($"the XML declaration's {name} is malformed");
            if (name == "encoding" && declaredEncodingApplies && !value.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                throw Malformed($"it declares the encoding {value}; WeChat sends UTF-8");
        }

        if (next == 0)
            throw Malformed("the XML declaration has no version");
        _at += 2;
    }

    /// <summary>Skips whitespace, comments and processing instructions outside the root element.</summary>
    private void SkipMisc()
    {
        while (true)
        {
            SkipSpaces();
            if (Rest.StartsWith("<!--"u8))
                SkipComment();
            else if (Rest.StartsWith("<?"u8))
                SkipProcessingInstruction();
            else
                return;
        }
    }

    private void SkipComment()
    {
        _at += 4;
        var length = Rest.IndexOf("--"u8);
        if (length < 0)
            throw Malformed("a comment is not closed");
        if (_at + length + 2 >= _xml.Length || _xml[_at + length + 2] != '>')
            throw Malformed("'--' appears inside a comment");
        _at += length + 3;
    }

    private void SkipProcessingInstruction()
    {
        _at += 2;
        var target = ReadName();
        if (target.Length == 3 && Ascii.EqualsIgnoreCase(target, "xml"u8))
            throw Malformed("an XML declaration appears after the start");
        if (!SkipSpaces() && !Rest.StartsWith("?>"u8))
            throw Malformed("a processing instruction's name is malformed");
        var length = Rest.IndexOf("?>"u8);
        if (length < 0)
            throw Malformed("a processing instruction is not closed");
        _at += length + 2;
    }

    private readonly int TextRunLength()
    {
        var length = Rest.IndexOf((byte)'<');
        return length < 0 ? _xml.Length - _at : length;
    }

    private bool SkipSpaces()
    {
        var start = _at;
        while (_at < _xml.Length && IsSpace(_xml[_at]))
            _at++;
        return _at > start;
    }

    private void Expect(byte expected)
    {
        if (_at >= _xml.Length || _xml[_at] != expected)
            throw Malformed($"'{(char)expected}' is expected");
        _at++;
    }

    /// <summary>
    /// Adds a piece of text to a value. Most values are one piece needing no change, and stay a slice of the input
    /// until they become a string; the rest are built in the scratch buffer, with line breaks normalised to LF as
    /// XML requires and, outside CDATA, references replaced.
    /// </summary>
    private void Append(ref Text text, int start, int count, bool keep, bool decodeReferences)
    {
        var piece = _xml.Slice(start, count);
        var plain = decodeReferences ? piece.IndexOfAny(NeedsDecoding) < 0 : piece.IndexOf((byte)'\r') < 0;
        if (!keep)
        {
            if (decodeReferences && !plain)
                CheckReferences(piece);
            return;
        }
        if (plain && text.Length == 0 && !text.InScratch)
        {
            text = new Text { Start = start, Length = count };
            return;
        }
        if (piece.IsEmpty)
            return;

        var scratch = _scratch ??= ArrayPool<byte>.Shared.Rent(_xml.Length);
        if (!text.InScratch)
        {
            _xml.Slice(text.Start, text.Length).CopyTo(scratch);
            text = new Text { InScratch = true, Length = text.Length };
        }
        var length = text.Length;
        for (var i = 0; i < piece.Length; i++)
        {
            var b = piece[i];
            if (b == '\r')
            {
                scratch[length++] = (byte)'\n';
                if (i + 1 < piece.Length && piece[i + 1] == '\n')
                    i++;
            }
            else if (b == '&' && decodeReferences)
            {
                i += DecodeReference(piece[i..], scratch.AsSpan(length), out var written) - 1;
                length += written;
            }
            else
            {
                scratch[length++] = b;
            }
        }
        text.Length = length;
    }

    private readonly string ToString(Text text) => text.Length == 0
        ? ""
        : Encoding.UTF8.GetString(text.InScratch ? _scratch.AsSpan(0, text.Length) : _xml.Slice(text.Start, text.Length));

    private static void CheckReferences(ReadOnlySpan<byte> text)
    {
        Span<byte> sink = stackalloc byte[4];
        for (var i = text.IndexOf((byte)'&'); i >= 0; i = text.IndexOf((byte)'&'))
        {
            text = text[(i + DecodeReference(text[i..], sink, out _))..];
        }
    }

    /// <summary>Decodes the reference at the start of <paramref name="text"/>; returns how many bytes it took.</summary>
    private static int DecodeReference(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        var end = text[..Math.Min(text.Length, 12)].IndexOf((byte)';');
        if (end < 2)
            throw Malformed("an '&' does not start a reference");
        var name = text[1..end];
        uint codePoint;
        if (name[0] == '#')
        {
            var hex = name.Length > 1 && name[1] == 'x';
            var digits = name[(hex ? 2 : 1)..];
            codePoint = 0;
            if (digits.IsEmpty)
                throw Malformed("a character reference has no digits");
            foreach (var d in digits)
            {
                var value = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                    : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                    : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                    : throw Malformed("a character reference has a bad digit");
                codePoint = (codePoint * (hex ? 16u : 10u)) + (uint)value;
            }
            if (!IsXmlChar(codePoint))
                throw Malformed($"a character reference names U+{codePoint:X}, which XML does not allow");
        }
        else
        {
            codePoint = name switch
            {
                _ when name.SequenceEqual("lt"u8) => '<',
                _ when name.SequenceEqual("gt"u8) => '>',
                _ when name.SequenceEqual("amp"u8) => '&',
                _ when name.SequenceEqual("quot"u8) => '"',
                _ when name.SequenceEqual("apos"u8) => '\'',
                _ => throw Malformed($"the entity &{Encoding.UTF8.GetString(name)}; is not declared (and no DTD may declare it)"),
            };
        }
        written = new Rune(codePoint).EncodeToUtf8(destination);
        return end + 1;
    }

    private static bool IsXmlChar(uint c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    // ASCII by XML's rules; any byte of a multi-byte UTF-8 sequence is let through as a name character.
    private static bool IsNameStartByte(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_' or (byte)':' or >= 0x80;

    private static bool IsNameByte(byte b) => IsNameStartByte(b) || b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.';

    private static InboundMessageFormatException Malformed(string why) => new($"The body is not well-formed XML: {why}.");

    /// <summary>A value being read: a slice of the input, or the first bytes of the scratch buffer.</summary>
    private struct Text
    {
        public int Start;
        public int Length;
        public bool InScratch;
    }
}
