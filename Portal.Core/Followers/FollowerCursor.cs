using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Portal.Core.Followers;

/// <summary>
/// A place in the followers list: the (listed_at, openid) of a row. Pages are read from the index
/// starting after (or before) it, so a page deep in a million rows costs what the first one does, and
/// followers arriving meanwhile neither repeat nor skip a row the way OFFSET paging would.
/// </summary>
public readonly record struct FollowerCursor(DateTimeOffset ListedAt, string OpenId)
{
    /// <summary>An opaque, URL-safe form for links.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ListedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + OpenId));

    public static FollowerCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            var plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var dot = plain.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !long.TryParse(plain.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return null;
            return new FollowerCursor(new DateTimeOffset(ticks, TimeSpan.Zero), plain[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null; // a hand-edited link: start from the top rather than fail
        }
    }
}

/// <summary>One page of the followers list, with where the pages before and after it start.</summary>
public sealed record FollowerPage(IReadOnlyList<Follower> Rows, FollowerCursor? Previous, FollowerCursor? Next);
