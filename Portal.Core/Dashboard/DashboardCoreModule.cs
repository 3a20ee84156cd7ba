using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Dashboard;

/// <summary>The admin home's figures, and the outbox's failed deliveries operators retry or mark seen.</summary>
public static class DashboardCoreModule
{
    public static IHostApplicationBuilder AddDashboardCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DashboardStore>();
        builder.Services.AddSingleton<FailedDeliveries>();
        return builder;
    }
}
