using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Coordination;

namespace Portal.Web.Health;

/// <summary>
/// Healthy when Redis answers PING. Registered only when Redis is configured. While the circuit is open the
/// answer comes at once, without a PING that could only wait for its timeout.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Circuit.RunAsync(() => redis.Database.PingAsync()).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (CoordinationUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(redis.Circuit.IsOpen
                ? "Redis cannot be reached; commands are refused at once until it answers again"
                : $"Redis does not answer: {e.InnerException?.GetType().Name ?? e.GetType().Name}");
        }
    }
}
