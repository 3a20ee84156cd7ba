using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Core.Logging;

namespace Portal.Core.Coordination;

/// <summary>What instances share: Redis when it is configured, an in-process store when Portal runs alone.</summary>
public static class CoordinationModule
{
    public static IHostApplicationBuilder AddCoordination(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RedisOptions, RedisOptionsValidator>(RedisOptions.SectionName);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DependencyOutages>();
        services.AddSingleton<InstanceIdentity>();
        // Decided once at start: a configured Redis means several instances may share this account.
        if (builder.Switch<RedisOptions>(RedisOptions.SectionName).Enabled)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<ICoordinationStore, RedisCoordinationStore>();
            services.AddSingleton<InstanceHeartbeat>();
            services.AddHostedService(sp => sp.GetRequiredService<InstanceHeartbeat>());
        }
        else
        {
            services.AddSingleton<ICoordinationStore, InProcessCoordinationStore>();
            // Alone, this process is the only holder there is: nobody asks whether it is alive.
            services.AddSingleton<InstanceHeartbeat>();
        }
        return builder;
    }
}
