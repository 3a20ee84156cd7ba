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

    /// <summary>
    /// How long one command may wait for its answer. Short, because a webhook push has 5 seconds in all and a
    /// healthy Redis answers in a millisecond: the client's default (5 s) made every push outlive WeChat's wait.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long connecting (at start and on every reconnect attempt) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Consecutive connection failures or timeouts that open the circuit: commands then fail at once. One by
    /// default: a healthy Redis answers in a millisecond, so a command that waited out the whole timeout says the
    /// server hangs, and each further try would cost a push another timeout (a push sends several commands).
    /// </summary>
    public int CircuitBreakAfter { get; set; } = 1;

    /// <summary>How long the open circuit refuses every command before it lets one probe through.</summary>
    public TimeSpan CircuitPause { get; set; } = TimeSpan.FromSeconds(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
