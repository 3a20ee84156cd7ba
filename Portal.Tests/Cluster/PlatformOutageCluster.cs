namespace Portal.Tests.Cluster;

/// <summary>
/// A cluster whose outbox retries late replies at least every 30 s, so that once the platform is back every
/// late reply goes out within a minute or so, and the test ends soon after.
/// </summary>
public sealed class PlatformOutageCluster : PortalCluster
{
    public static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(30);

    protected override IReadOnlyDictionary<string, string> InstanceSettings => new Dictionary<string, string>
    {
        ["Outbox:MaxRetryDelay"] = RetryCap.ToString(),
    };
}
