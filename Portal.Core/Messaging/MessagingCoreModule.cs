using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.AutoReplies;
using Portal.Core.Outbox;

namespace Portal.Core.Messaging;

/// <summary>The webhook's pipeline without HTTP: claims, the routing table, the journal, late replies and their recovery.</summary>
public static class MessagingCoreModule
{
    public static IHostApplicationBuilder AddMessagingCore(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<MessagingOptions, MessagingOptionsValidator>(MessagingOptions.SectionName);
        var services = builder.Services;
        services.AddSingleton<MessageLogStore>();
        // The routing table names its handlers (MessageRoutes.Build); the features that own them register them.
        services.AddSingleton(sp => MessageRoutes.Build(
            sp.GetRequiredService<AutoReplyHandler>(),
            sp.GetRequiredService<FollowHandler>(),
            sp.GetRequiredService<ScanHandler>(),
            sp.GetRequiredService<MenuClickHandler>(),
            sp.GetServices<MessageRouteAdditions>()));
        services.AddSingleton<MessageClaims>();
        services.AddSingleton<MessageBackstop>();
        services.AddSingleton<LateReplies>();
        services.AddOutboxWork<LateReplyWork>();
        services.AddSingleton<MessageJournal>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageJournal>());
        services.AddSingleton<LateReplyRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<LateReplyRecovery>());
        services.AddSingleton<MessageProcessor>();
        return builder;
    }
}
