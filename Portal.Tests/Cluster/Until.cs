using System.Diagnostics;

namespace Portal.Tests.Cluster;

/// <summary>
/// Waits for something the cluster does on its own time (an outbox delivery, a restart). The limit only
/// stops a broken run from hanging; it is generous and never what a test asserts.
/// </summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"Gave up waiting after {limit.TotalSeconds:0} s until {what}.");
            await Task.Delay(250);
        }
    }
}
