using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.AutoReplies;

/// <summary>Reply rules: their store and cache, the handlers the routing table calls, and the editor behind the rule pages.</summary>
public static class AutoRepliesCoreModule
{
    public static IHostApplicationBuilder AddAutoRepliesCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AutoReplyRuleStore>();
        services.AddSingleton<AutoReplyRuleCache>();
        services.AddSingleton<AutoReplyHandler>();
        services.AddSingleton<FollowHandler>();
        services.AddSingleton<ScanHandler>();
        services.AddSingleton<MenuClickHandler>();
        services.AddSingleton<AutoReplyRuleEditor>();
        return builder;
    }
}
