using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Outbox;

namespace Portal.Web.Health;

/// <summary>
/// Degraded while failed deliveries wait for an operator (retry or mark seen under /admin/outbox). Degraded
/// keeps HTTP 200: the rows are shared by every instance and none of them is at fault, so a balancer must
/// not take instances out for them; monitoring reads the status in the body.
/// </summary>
internal sealed class OutboxHealthCheck(OutboxStore outbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var failed = await outbox.CountWaitingForOperatorAsync(cancellationToken);
            return failed == 0
                ? HealthCheckResult.Healthy("No failed deliveries")
                : HealthCheckResult.Degraded($"{failed} failed deliveries wait for an operator at /admin/outbox",
                    data: new Dictionary<string, object> { ["failed"] = failed });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database check reports the outage itself; this one only says it could not count.
            return HealthCheckResult.Degraded($"Could not count failed deliveries: {e.GetType().Name}");
        }
    }
}
