using Portal.Core.Site;

namespace Portal.Tests.Site;

public sealed class ImageFormatTests
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public void Formats_are_known_by_their_first_bytes_not_their_names()
    {
        Assert.Equal(ImageFormat.Png, ImageFormat.Sniff(Png));
        Assert.Equal(ImageFormat.Jpeg, ImageFormat.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(ImageFormat.Gif, ImageFormat.Sniff("GIF89a\x01\x00"u8));
        Assert.Equal(ImageFormat.WebP, ImageFormat.Sniff("RIFF\x10\x00\x00\x00WEBPVP8 "u8));
        Assert.Null(ImageFormat.Sniff("<script>alert(1)</script>"u8));
        Assert.Null(ImageFormat.Sniff("RIFF\x10\x00\x00\x00WAVEfmt "u8));
        Assert.Null(ImageFormat.Sniff([]));
    }
}
