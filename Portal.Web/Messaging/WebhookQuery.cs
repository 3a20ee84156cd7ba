namespace Portal.Web.Messaging;

/// <summary>
/// The parameters WeChat puts on the webhook's URL, read straight from the query string: each value is a slice of
/// it, and only a value with escapes in it becomes a string of its own. <see cref="HttpRequest.Query"/> would build
/// a dictionary and a string for every parameter on every message, for six values that are read once each.
/// </summary>
/// <remarks>
/// Names match case-insensitively and values are unescaped (<c>%XX</c>, and <c>+</c> for a space), as with
/// <see cref="HttpRequest.Query"/>. A repeated parameter reads as its non-empty values joined by commas, as a
/// <see cref="Microsoft.Extensions.Primitives.StringValues"/> does: no signature matches it.
/// </remarks>
internal readonly record struct WebhookQuery(
    ReadOnlyMemory<char> Signature,
    ReadOnlyMemory<char> Timestamp,
    ReadOnlyMemory<char> Nonce,
    ReadOnlyMemory<char> EchoStr,
    ReadOnlyMemory<char> EncryptType,
    ReadOnlyMemory<char> MsgSignature)
{
    /// <summary>Whether the message body is encrypted (safe or compatible mode).</summary>
    public bool IsEncrypted => EncryptType.Span.Equals("aes", StringComparison.OrdinalIgnoreCase);

    /// <param name="queryString">The query string with or without its leading <c>?</c>; null or empty when there is none.</param>
    public static WebhookQuery Parse(string? queryString)
    {
        var query = new WebhookQuery();
        if (string.IsNullOrEmpty(queryString))
            return query;

        var source = queryString.AsMemory(queryString[0] == '?' ? 1 : 0);
        while (!source.IsEmpty)
        {
            var end = source.Span.IndexOf('&');
            var pair = end < 0 ? source : source[..end];
            source = end < 0 ? default : source[(end + 1)..];

            var equals = pair.Span.IndexOf('=');
            var name = equals < 0 ? pair.Span : pair.Span[..equals];
            var value = equals < 0 ? default : Unescape(pair[(equals + 1)..]);
            query = name switch
            {
                _ when Is(name, "signature") => query with { Signature = Add(query.Signature, value) },
                _ when Is(name, "timestamp") => query with { Timestamp = Add(query.Timestamp, value) },
                _ when Is(name, "nonce") => query with { Nonce = Add(query.Nonce, value) },
                _ when Is(name, "echostr") => query with { EchoStr = Add(query.EchoStr, value) },
                _ when Is(name, "encrypt_type") => query with { EncryptType = Add(query.EncryptType, value) },
                _ when Is(name, "msg_signature") => query with { MsgSignature = Add(query.MsgSignature, value) },
                _ => query,
            };
        }
        return query;
    }

    private static bool Is(ReadOnlySpan<char> name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static ReadOnlyMemory<char> Unescape(ReadOnlyMemory<char> value) =>
        value.Span.ContainsAny('%', '+') ? Uri.UnescapeDataString(value.ToString().Replace('+', ' ')).AsMemory() : value;

    // A parameter that appears once is kept as its slice; only a repeat costs a string. Empty values are left out
    // of the join, as StringValues.ToString() leaves them out (a differential test holds the two together).
    private static ReadOnlyMemory<char> Add(ReadOnlyMemory<char> held, ReadOnlyMemory<char> value) =>
        held.IsEmpty ? value : value.IsEmpty ? held : string.Concat(held.Span, ",", value.Span).AsMemory();
}
