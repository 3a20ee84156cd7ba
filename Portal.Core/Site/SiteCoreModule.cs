using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Site;

/// <summary>The micro-site's content: its store, editor, media library and the read counter flushed in the background.</summary>
public static class SiteCoreModule
{
    public static IHostApplicationBuilder AddSiteCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SiteStore>();
        services.AddSingleton<SiteEditor>();
        services.AddSingleton<ReadCounts>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadCounts>());
        services.AddSingleton<MediaLibrary>();
        return builder;
    }
}
