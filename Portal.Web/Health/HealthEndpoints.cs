using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core;
using Portal.Core.Coordination;

namespace Portal.Web.Health;

/// <summary>
/// <c>/healthz</c>: 200 when every part answers, 503 naming the part that does not. Load balancers use the
/// status; people read the body. Degraded (failed deliveries waiting for an operator) stays 200: it is
/// shared work, not this instance's fault, so no balancer should take instances out for it.
/// </summary>
public static class HealthEndpoints
{
    public static WebApplicationBuilder AddPortalHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<OutboxHealthCheck>("outbox");
        if (builder.Switch<RedisOptions>(RedisOptions.SectionName).Enabled)
            checks.AddCheck<RedisHealthCheck>("redis");
        return builder;
    }

    public static WebApplication MapPortalHealth(this WebApplication endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToArray(),
            degraded = report.Entries.Where(e => e.Value.Status == HealthStatus.Degraded).Select(e => e.Key).ToArray(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data.Count == 0 ? null : e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
