using System.Buffers;
using System.Text;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// Reads an inbound body into a <see cref="FieldMap"/> in one forward pass, refusing anything that is not a
/// plain <c>&lt;xml&gt;</c> document; <see cref="InboundXmlReader"/> does the reading.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
internal static class InboundXml
{
    /// <summary>Real bodies are a few kilobytes; this bounds what a forged one can make the reader chew.</summary>
    public const int MaxCharacters = 1 << 20;

    // Strict: a lone surrogate in the text fails here instead of turning into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FieldMap Read(ReadOnlySpan<byte> xml)
    {
        if (xml.Length > MaxCharacters)
            throw TooLong();
        return InboundXmlReader.Read(xml, declaredEncodingApplies: true);
    }

    /// <inheritdoc cref="InboundXmlReader.Read(ReadOnlySpan{byte}, bool, ReadOnlySpan{byte}, out Range?)"/>
    public static FieldMap Read(ReadOnlySpan<byte> xml, ReadOnlySpan<byte> rawField, out Range? raw)
    {
        if (xml.Length > MaxCharacters)
            throw TooLong();
        return InboundXmlReader.Read(xml, declaredEncodingApplies: true, rawField, out raw);
    }

    public static FieldMap Read(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxCharacters)
                        throw TooLong();
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = xml.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                    break;
                length += read;
            }

            return Read(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static FieldMap Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxCharacters)
            throw TooLong();

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Encoding.UTF8.GetMaxByteCount(xml.Length), 1));
        try
        {
            // Text has been decoded already: a declaration's encoding name no longer describes these bytes.
            var length = StrictUtf8.GetBytes(xml, buffer);
            return InboundXmlReader.Read(buffer.AsSpan(0, length), declaredEncodingApplies: false);
        }
        catch (EncoderFallbackException e)
        {
            throw new InboundMessageFormatException("The body is not well-formed XML: it contains a lone surrogate.", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static InboundMessageFormatException TooLong() => new($"The body is longer than {MaxCharacters} characters.");
}
