using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Outbox;

/// <summary>The outbox's services, and the one way a feature adds a kind of work to it.</summary>
public static class OutboxRegistration
{
    /// <summary>Its settings, the store, the table of work kinds and the delivery worker (one loop per lane).</summary>
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(OutboxOptions.SectionName);
        var services = builder.Services;
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxWorkTable>();
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDelivery>());
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="TWork"/> as the delivery of its <see cref="IOutboxWork.Kind"/>, in its
    /// <see cref="IOutboxWork.Lane"/>. Called by the feature that writes rows of that kind, where its own
    /// services are registered.
    /// </summary>
    public static IServiceCollection AddOutboxWork<TWork>(this IServiceCollection services)
        where TWork : class, IOutboxWork
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxWork, TWork>());
        return services;
    }
}
