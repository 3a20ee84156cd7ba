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
/// Issue 15's faults, played on three real instances: an instance killed mid-message, Redis restarted
/// empty or killed, an instance restarted after Redis forgot everything. Each test leaves the cluster whole
/// for the next. The platform's long outage has a cluster of its own (<see cref="PlatformOutageTests"/>).
/// These tests wait in real time on purpose, unlike the rest of the suite: they play WeChat's retry timing
/// (<see cref="WeChatRetries"/>) and outages of a given length against real processes, whose clocks no test can move.
/// </summary>
public sealed class ClusterFaultTests(PortalCluster cluster) : IClassFixture<PortalCluster>
{
    private const string Keyword = "hours";
    private const string KeywordReply = "We are open 9:00–18:00";
    private static readonly TimeSpan RedisOutage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_slow_tap_whose_instance_is_killed_before_the_deadline_reaches_the_follower_exactly_once()
    {
        await cluster.EnsureRunningAsync();
        var openId = await cluster.Phone.NewFollowerAsync("Slow tapper");
        var figures = new OutageFigures("1. slow tap, its instance killed 2 s in", cluster.Processes);

        // B gets the tap; WeChat's retries go to C at 5 s and, if C does not answer in time, to A at 10 s.
        var tap = InboundXml.Event(openId, "CLICK", Portal.Web.Hosting.SandboxStarterKit.SlowKey);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var delivery = WeChatRetries.DeliverAsync(tap, cluster.RouteFrom(cluster.B));
        await Task.Delay(TimeSpan.FromSeconds(2));
        figures.OutageStarts();
        await cluster.B.KillAsync();
        var outcome = await delivery;
        figures.Add(outcome);
        // Should C's answer have been lost on its way back, the tap reaches A at 10 s all the same: that
        // retry must not make a second reply either.
        var attempts = outcome.Attempts.ToList();
        if (attempts.Count < WeChatRetries.Attempts)
        {
            var due = WeChatRetries.RetryEvery * (WeChatRetries.Attempts - 1);
            if (clock.Elapsed < due)
                await Task.Delay(due - clock.Elapsed);
            var third = await WeChatRetries.SendOnceAsync(tap, cluster.A, clock.Elapsed);
            attempts.Add(third);
            figures.Add(third);
        }
        figures.OutageEnds();

        var passive = attempts.Count(a => a.HasReply);
        await Until.TrueAsync(async () => passive + (await cluster.Phone.DeliveredAsync(openId)).Count > 0, Settling, "the follower got a reply");
        figures.Recovered();
        await Until.TrueAsync(async () => await OutboxPendingAsync() == 0, Settling, "the outbox has nothing left to send");
        await cluster.B.StartAsync();
        figures.Report();

        var delivered = await cluster.Phone.DeliveredAsync(openId);
        Assert.True(passive + delivered.Count == 1, $"The follower got {passive} passive and {delivered.Count} customer-service replies: {Describe(new PushOutcome(tap, attempts))}");
        Assert.All(delivered, text => Assert.StartsWith("Sorry for the wait", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_Redis_restarts_empty_every_retry_gets_the_stored_reply_byte_for_byte()
    {
        await cluster.EnsureRunningAsync();
        var followers = await FollowersAsync(10);
        var messages = Enumerable.Range(0, ClusterLoad.MessagesAcrossRestart).Select(n => InboundXml.Text(followers[n % followers.Count], Keyword)).ToList();
        var first = await DeliverAllAsync(messages);
        Assert.All(first, o => Assert.True(o.HasReply && o.Reply!.Contains(KeywordReply, StringComparison.Ordinal), Describe(o)));
        // A second passes, so a reply made again now would carry another CreateTime than the stored one.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var figures = new OutageFigures($"2. Redis restarted empty (SHUTDOWN NOSAVE, 10 s down), then {messages.Count} earlier messages retried", cluster.Processes);
        figures.OutageStarts();
        await cluster.Redis.ShutdownAsync();
        var back = RestartRedisAfterAsync(RedisOutage, figures);
        var recovered = RecoveredAfterAsync(back, figures);
        var during = await OutageLoad.RunAsync(cluster, ClusterLoad.PushesPerSecond, n => InboundXml.Text(followers[n % followers.Count], Keyword), back, figures);
        await recovered;

        var again = await Duplicates.ResendElsewhereAsync(cluster, first.Concat(during.Where(o => o.HasReply)));
        figures.HandledTwice = again.Count(p => p.HandledTwice);
        figures.Report();

        Assert.All(again, p => Assert.False(p.HandledTwice, $"first {Describe(p.First)}\nagain {Describe(p.Again)}"));
        Assert.Equal(first.Count + during.Count(o => o.HasReply), again.Count);
    }

    [Fact]
    public async Task After_Redis_restarts_and_then_an_instance_restarts_every_instance_accepts_every_other_instances_cookies()
    {
        await cluster.EnsureRunningAsync();
        var name = "owner" + Guid.NewGuid().ToString("N")[..8];
        const string password = "cluster correct horse battery";
        var created = await cluster.A.RunCommandAsync(["create-owner", name], new Dictionary<string, string> { ["PORTAL_OWNER_PASSWORD"] = password });
        Assert.True(created == 0, $"create-owner exited with {created}:\n{cluster.A.Tail()}");
        var follower = await cluster.Phone.NewFollowerAsync("Member");
        var operatorBefore = await AdminSession.SignInAsync(cluster.A, name, password);
        var memberBefore = await MemberSession.SignInAsync(cluster.A, follower);
        Assert.Empty(await RefusalsAsync([(operatorBefore, "operator signed in through A"), (memberBefore, "member signed in through A")]));

        var figures = new OutageFigures("3. Redis restarted empty, then instance B restarted", cluster.Processes);
        figures.OutageStarts();
        await cluster.Redis.ShutdownAsync();
        await cluster.Redis.StartAsync();
        await cluster.B.RestartAsync();
        figures.OutageEnds();
        // B may have made itself a new key when it started: what it signs now must work everywhere too.
        var operatorAfter = await AdminSession.SignInAsync(cluster.B, name, password);
        var memberAfter = await MemberSession.SignInAsync(cluster.B, follower);
        var refusals = await RefusalsAsync(
        [
            (operatorBefore, "operator signed in through A before the restarts"),
            (memberBefore, "member signed in through A before the restarts"),
            (operatorAfter, "operator signed in through B after the restarts"),
            (memberAfter, "member signed in through B after the restarts"),
        ]);
        figures.Recovered();
        figures.Report();
        Assert.True(refusals.Count == 0, string.Join('\n', refusals));
    }

    /// <summary>Every instance that sends one of these browsers to sign in, though it is signed in.</summary>
    private async Task<List<string>> RefusalsAsync(IReadOnlyList<(ClusterBrowser Browser, string Who)> sessions)
    {
        var refusals = new List<string>();
        foreach (var (browser, who) in sessions)
        {
            var page = who.StartsWith("operator", StringComparison.Ordinal) ? "admin" : MemberSession.MemberPage;
            foreach (var instance in cluster.Instances)
            {
                if (!await browser.OpensAsync(instance, page))
                    refusals.Add($"{instance.Name} refused the cookies of the {who}");
            }
        }
        return refusals;
    }

    [Fact]
    public async Task With_Redis_killed_every_push_is_answered_or_refused_inside_WeChats_window_and_answers_are_real_replies()
    {
        await cluster.EnsureRunningAsync();
        var followers = await FollowersAsync(10);
        var figures = new OutageFigures("5. Redis killed (kill -9, 10 s down)", cluster.Processes);
        figures.OutageStarts();
        await cluster.Redis.KillAsync();
        var back = RestartRedisAfterAsync(RedisOutage, figures);
        var recovered = RecoveredAfterAsync(back, figures);
        var during = await OutageLoad.RunAsync(cluster, ClusterLoad.PushesPerSecond, n => InboundXml.Text(followers[n % followers.Count], Keyword), back, figures);
        await recovered;
        var again = await Duplicates.ResendElsewhereAsync(cluster, during);
        figures.HandledTwice = again.Count(p => p.HandledTwice);
        figures.Report();

        var attempts = during.SelectMany(o => o.Attempts).ToList();
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.True(a.Completed, $"{a.Instance} did not answer inside WeChat's {WeChatRetries.Window.TotalSeconds:0} s: {a.Problem}"));
        // The database still guarantees exactly once without Redis, so what is answered is answered for real.
        Assert.All(attempts.Where(a => a.Answered), a => Assert.True(a.HasReply && a.Body!.Contains(KeywordReply, StringComparison.Ordinal), $"{a.Instance} answered {a.Status}: {a.Body}"));
        Assert.All(again, p => Assert.False(p.HandledTwice, $"first {Describe(p.First)}\nagain {Describe(p.Again)}"));
    }

    private async Task<List<string>> FollowersAsync(int count)
    {
        var made = new List<string>();
        for (var i = 0; i < count; i++)
            made.Add(await cluster.Phone.NewFollowerAsync($"Follower {i + 1}"));
        return made;
    }

    private async Task<IReadOnlyList<PushOutcome>> DeliverAllAsync(IReadOnlyList<string> messages)
    {
        using var gate = new SemaphoreSlim(8);
        return await Task.WhenAll(messages.Select(async (xml, n) =>
        {
            await gate.WaitAsync();
            try
            {
                return await WeChatRetries.DeliverAsync(xml, cluster.RouteFrom(cluster.Instances[n % cluster.Instances.Count]));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task RestartRedisAfterAsync(TimeSpan down, OutageFigures figures)
    {
        await Task.Delay(down);
        await cluster.Redis.StartAsync();
        figures.OutageEnds();
    }

    /// <summary>Once Redis is back: new messages, one after another across the instances, until one gets its real reply again.</summary>
    private async Task RecoveredAfterAsync(Task back, OutageFigures figures)
    {
        await back;
        var openId = await cluster.Phone.NewFollowerAsync("Probe");
        var n = 0;
        await Until.TrueAsync(async () =>
        {
            var attempt = await WeChatRetries.SendOnceAsync(InboundXml.Text(openId, Keyword), cluster.Instances[n++ % cluster.Instances.Count]);
            return attempt.HasReply;
        }, Settling, "a new message is answered again");
        figures.Recovered();
    }

    private async Task<long> OutboxPendingAsync()
    {
        await using var db = await cluster.OpenDatabaseAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM outbox WHERE status NOT IN ('sent', 'failed')";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static string Describe(PushOutcome outcome) =>
        string.Join("; ", outcome.Attempts.Select(a => $"{a.Instance} at {a.SentAfter.TotalSeconds:0.0} s: {a.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? a.Problem} {a.Body}"));
}
