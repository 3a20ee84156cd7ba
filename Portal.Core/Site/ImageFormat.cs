namespace Portal.Core.Site;

/// <summary>
/// The image formats the site accepts, recognised by their first bytes (the file's name and the browser's
/// claimed type prove nothing: a renamed script is still a script).
/// </summary>
public sealed record ImageFormat(string Extension, string ContentType)
{
    public static readonly ImageFormat Jpeg = new("jpg", "image/jpeg");
    public static readonly ImageFormat Png = new("png", "image/png");
    public static readonly ImageFormat Gif = new("gif", "image/gif");
    public static readonly ImageFormat WebP = new("webp", "image/webp");

    public static IReadOnlyList<ImageFormat> All { get; } = [Jpeg, Png, Gif, WebP];

    /// <summary>The format whose signature <paramref name="head"/> starts with, or null.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return WebP;
        return null;
    }

    public static ImageFormat? FromExtension(string extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension, StringComparison.Ordinal));
}
