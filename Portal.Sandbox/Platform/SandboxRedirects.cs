using System.Globalization;
using System.Text;

namespace Portal.Sandbox.Platform;

/// <summary>
/// A redirect's target as a Location header may carry it: a callback URL may hold non-ASCII text, which
/// Kestrel refuses in a header, so every character outside printable ASCII is written as its UTF-8
/// percent-escape (browsers read it back as the same URL).
/// </summary>
internal static class SandboxRedirects
{
    public static string Location(string url)
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
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
