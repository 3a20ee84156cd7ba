using System.Text;

namespace Portal.Web.Hosting;

/// <summary>
/// A redirect's target as a Location header may carry it. A return URL holds what the person typed or
/// clicked, such as <c>/admin/rules?q=规则</c>, decoded; Kestrel refuses a non-ASCII header value with an
/// exception (a 500). Every character outside printable ASCII is written as its UTF-8 percent-escape,
/// which browsers read back as the same URL; what is ASCII already (escapes included) is left as it is,
/// so encoding twice changes nothing.
/// </summary>
public static class LocationHeader
{
    public static string Encode(string url)
    {
        if (!url.AsSpan().ContainsAnyExceptInRange('!', '~'))
            return url;
        var encoded = new StringBuilder(url.Length + 32);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is >= '!' and <= '~')
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
