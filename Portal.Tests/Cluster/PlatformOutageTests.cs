using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Cluster;

/// <summary>
/// The platform API unreachable for a long time (issue 15 asks for ten minutes; PORTAL_CLUSTER_PLATFORM_OUTAGE_SECONDS
/// shortens it for a quick local run) while followers keep tapping the slow button, whose answers can only
/// go out as customer-service messages. A cluster of its own, so it runs beside the other tests.
/// </summary>
public sealed class PlatformOutageTests(PlatformOutageCluster cluster) : IClassFixture<PlatformOutageCluster>
{
    [Fact]
    public async Task When_the_platform_comes_back_after_a_long_outage_every_late_reply_reaches_its_follower_exactly_once()
    {
        await cluster.EnsureRunningAsync();
        // One slow tap for every five messages the other outages send: each holds a handler past the deadline.
        var perSecond = Math.Max(1, ClusterLoad.PushesPerSecond / 5.0);
        // Enough followers that none taps twice in one second (a tap's key is its follower and its second),
        // and that none gets more late replies than the platform's chat keeps (500).
        var taps = perSecond * ClusterLoad.PlatformOutage.TotalSeconds;
        var followers = new List<string>();
        for (var i = 0; i < Math.Max(10, Math.Max((int)(perSecond * 3), (int)(taps / 100))); i++)
            followers.Add(await cluster.Phone.NewFollowerAsync($"Patient follower {i + 1}"));
        // The platform keeps its followers in its data folder a moment after a change; kill -9 must not beat that.
        await Until.TrueAsync(() => Task.FromResult(cluster.Phone.HasSaved(followers)), TimeSpan.FromMinutes(1), "the platform saved its followers");

        var figures = new OutageFigures($"4. platform killed for {ClusterLoad.PlatformOutage.TotalMinutes:0.#} min, slow taps meanwhile", cluster.Processes);
        figures.OutageStarts();
        await cluster.Platform.KillAsync();
        var tapped = await OutageLoad.RunAsync(cluster, perSecond, n => InboundXml.Event(followers[n % followers.Count], "CLICK", Portal.Web.Hosting.SandboxStarterKit.SlowKey),
            Task.Delay(ClusterLoad.PlatformOutage), figures);
        await cluster.Platform.StartAsync();
        figures.OutageEnds();

        var expected = tapped.GroupBy(t => Follower(t.Xml)).ToDictionary(g => g.Key, g => g.Count(t => !t.HasReply));
        await Until.TrueAsync(async () => await AllDeliveredAsync(expected), TimeSpan.FromMinutes(10), "every late reply reached its follower");
        figures.Recovered();
        await Until.TrueAsync(async () => await OutboxAsync("status NOT IN ('sent', 'failed')") == 0, TimeSpan.FromMinutes(5), "the outbox has nothing left to send");
        var handledTwice = 0;
        var problems = new List<string>();
        foreach (var (openId, count) in expected)
        {
            var got = (await cluster.Phone.DeliveredAsync(openId)).Count;
            handledTwice += Math.Max(0, got - count);
            if (got != count)
                problems.Add($"{openId} tapped {count} times unanswered and got {got} late replies");
        }
        figures.HandledTwice = handledTwice;
        figures.Report();

        Assert.All(tapped, t => Assert.NotNull(t.Answer));
        Assert.Equal(0, await OutboxAsync("status = 'failed'"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private async Task<bool> AllDeliveredAsync(IReadOnlyDictionary<string, int> expected)
    {
        foreach (var (openId, count) in expected)
        {
            if ((await cluster.Phone.DeliveredAsync(openId)).Count < count)
                return false;
        }
        return true;
    }

    private async Task<long> OutboxAsync(string condition)
    {
        await using var db = await cluster.OpenDatabaseAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM outbox WHERE " + condition;
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static string Follower(string xml) =>
        System.Xml.Linq.XElement.Parse(xml).Element("FromUserName")!.Value;
}
