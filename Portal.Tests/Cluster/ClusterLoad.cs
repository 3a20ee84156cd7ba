using System.Globalization;

namespace Portal.Tests.Cluster;

/// <summary>
/// The knobs a run of the cluster tests reads from the environment: how hard to push during outages, how
/// long the platform stays away, and where to append the figures. The suite's defaults keep CI light;
/// <c>bench/cluster-faults.sh</c> turns them up.
/// </summary>
public static class ClusterLoad
{
    /// <summary>PORTAL_CLUSTER_RATE: new messages a second sent during each outage (default 5).</summary>
    public static int PushesPerSecond => Number("PORTAL_CLUSTER_RATE", 5);

    /// <summary>PORTAL_CLUSTER_MESSAGES: messages delivered before a Redis restart and retried after it (default 200).</summary>
    public static int MessagesAcrossRestart => Number("PORTAL_CLUSTER_MESSAGES", 200);

    /// <summary>PORTAL_CLUSTER_PLATFORM_OUTAGE_SECONDS: how long the platform is away (default 600, as issue 15 asks).</summary>
    public static TimeSpan PlatformOutage => TimeSpan.FromSeconds(Number("PORTAL_CLUSTER_PLATFORM_OUTAGE_SECONDS", 600));

    /// <summary>PORTAL_CLUSTER_REPORT: a file the figures are appended to; none when unset.</summary>
    public static string? ReportFile => Environment.GetEnvironmentVariable("PORTAL_CLUSTER_REPORT") is { Length: > 0 } path ? path : null;

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
