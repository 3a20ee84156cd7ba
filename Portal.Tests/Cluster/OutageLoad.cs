using System.Diagnostics;

namespace Portal.Tests.Cluster;

/// <summary>
/// New messages arriving while a fault lasts, at a steady rate and spread over the instances as a balancer
/// spreads them, each delivered the way WeChat delivers (with its retries elsewhere). Nothing waits for an
/// answer before the next message goes out, as nothing waits on WeChat's side either.
/// </summary>
public static class OutageLoad
{
    /// <param name="message">Makes the n-th message's XML.</param>
    /// <param name="until">Sending stops when this completes (the fault is over); messages under way finish.</param>
    public static async Task<IReadOnlyList<PushOutcome>> RunAsync(PortalCluster cluster, double perSecond, Func<int, string> message, Task until, OutageFigures figures)
    {
        var sent = new List<Task<PushOutcome>>();
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        for (var n = 0; !until.IsCompleted; n++)
        {
            var due = interval * n;
            if (clock.Elapsed < due)
                await Task.WhenAny(Task.Delay(due - clock.Elapsed), until);
            if (until.IsCompleted)
                break;
            var first = cluster.Instances[n % cluster.Instances.Count];
            sent.Add(DeliverAsync(message(n), cluster.RouteFrom(first), figures));
        }
        return await Task.WhenAll(sent);
    }

    private static async Task<PushOutcome> DeliverAsync(string xml, IReadOnlyList<PortalProcess> route, OutageFigures figures)
    {
        var outcome = await WeChatRetries.DeliverAsync(xml, route);
        figures.Add(outcome);
        return outcome;
    }
}
