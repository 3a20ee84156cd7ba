namespace Portal.Core.Coordination;

/// <summary>
/// Bound from the <c>Redis</c> section. Empty <see cref="Configuration"/> means a single machine:
/// coordination stays in-process and Data Protection keys stay in the data folder.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=…</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key, so several Portal deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "portal:";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
