using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Outbox;

namespace Portal.Core.Notifications;

/// <summary>Template messages to followers, queued in the outbox and sent in its notifications lane.</summary>
public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateSends>();
        builder.Services.AddOutboxWork<TemplateSendWork>();
        return builder;
    }
}
