namespace Portal.Tests.Cluster;

/// <summary>
/// WeChat's retry of a message that was already answered (its answer lost on the way back), sent to another
/// instance than the one that answered. The retry must get the stored reply byte for byte; anything else
/// means the message was handled a second time.
/// </summary>
public static class Duplicates
{
    public sealed record Pair(PushOutcome First, PushOutcome Again)
    {
        /// <summary>The retry was answered with other bytes than the first delivery (or not at all).</summary>
        public bool HandledTwice => Again.Reply != First.Reply;
    }

    public static async Task<IReadOnlyList<Pair>> ResendElsewhereAsync(PortalCluster cluster, IEnumerable<PushOutcome> answered, int inParallel = 8)
    {
        using var gate = new SemaphoreSlim(inParallel);
        return await Task.WhenAll(answered.Where(o => o.AnsweredBy is not null).Select(async first =>
        {
            await gate.WaitAsync();
            try
            {
                var elsewhere = cluster.RouteFrom(cluster.Named(first.AnsweredBy!)).Skip(1).ToList();
                return new Pair(first, await WeChatRetries.DeliverAsync(first.Xml, elsewhere));
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
