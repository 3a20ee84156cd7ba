using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Outbox;

namespace Portal.Core.Followers;

/// <summary>Followers and their tags: the store, the sync from the platform, the editors, and the user and tag APIs.</summary>
public static class FollowersCoreModule
{
    public static IHostApplicationBuilder AddFollowersCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<UserClient>();
        services.AddSingleton<TagClient>();
        services.AddSingleton<FollowerStore>();
        services.AddSingleton<FollowerSync>();
        services.AddOutboxWork<FollowerSyncWork>();
        services.AddSingleton<FollowerEditor>();
        services.AddSingleton<TagEditor>();
        return builder;
    }
}
