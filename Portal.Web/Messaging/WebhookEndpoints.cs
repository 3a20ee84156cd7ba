using Microsoft.Extensions.Options;
using Portal.Core.Messaging;

namespace Portal.Web.Messaging;

/// <summary>Maps the webhook at <see cref="MessagingOptions.Path"/> (<c>/wx</c> unless configured).</summary>
public static class WebhookEndpoints
{
    public static IServiceCollection AddPortalWebhook(this IServiceCollection services)
    {
        services.AddSingleton<WeChatWebhook>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalWebhook(this IEndpointRouteBuilder endpoints)
    {
        var path = endpoints.ServiceProvider.GetRequiredService<IOptions<MessagingOptions>>().Value.Path;
        var webhook = endpoints.ServiceProvider.GetRequiredService<WeChatWebhook>();
        endpoints.MapGet(path, webhook.VerifyAsync).ExcludeFromDescription();
        endpoints.MapPost(path, webhook.ReceiveAsync).ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }
}
