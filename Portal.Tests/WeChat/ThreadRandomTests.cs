using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

/// <summary>Random bytes from the per-thread block: never handed out twice, across refills too.</summary>
public sealed class ThreadRandomTests
{
    [Fact]
    public void Twenty_byte_draws_never_repeat_across_many_blocks()
    {
        // 1,000 draws of an encrypted reply's 20 bytes use about five blocks of 4 KB.
        var seen = new HashSet<string>();
        var buffer = new byte[20];
        for (var i = 0; i < 1000; i++)
        {
            ThreadRandom.Fill(buffer);
            Assert.True(seen.Add(Convert.ToHexString(buffer)), $"draw {i} repeated an earlier one");
        }
    }

    [Fact]
    public void Draws_look_uniform()
    {
        // 64 KB of draws: each byte value is expected 256 times; a stuck or zeroed block would be far off.
        var counts = new int[256];
        var buffer = new byte[16];
        for (var i = 0; i < 4096; i++)
        {
            ThreadRandom.Fill(buffer);
            foreach (var b in buffer)
                counts[b]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 150, 380));
    }

    [Fact]
    public void A_large_draw_is_filled_too()
    {
        var large = new byte[4096];
        ThreadRandom.Fill(large);
        Assert.True(large.Count(b => b == 0) < 64);
        Assert.NotEqual(large[..2048], large[2048..]);
    }
}
