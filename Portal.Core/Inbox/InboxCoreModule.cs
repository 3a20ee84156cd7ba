using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Outbox;

namespace Portal.Core.Inbox;

/// <summary>Followers' messages as operators read them, and the customer-service replies they send.</summary>
public static class InboxCoreModule
{
    public static IHostApplicationBuilder AddInboxCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InboxStore>();
        builder.Services.AddOutboxWork<CustomerServiceReplyWork>();
        builder.Services.AddSingleton<InboxReplies>();
        return builder;
    }
}
