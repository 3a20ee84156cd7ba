using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Coordination;
using Portal.Core.Site;

namespace Portal.Web.Site;

/// <summary>
/// The micro-site: its content (Core), the H5 pages under Pages/Site, the admin's under Pages/Admin/Site, the
/// output cache for the public pages, their compression, uploaded images and the JS-SDK signature.
/// </summary>
public static class SiteModule
{
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.AddSiteCore();
        var services = builder.Services;
        services.AddSingleton<ISiteCache, SiteOutputCache>();

        services.AddOutputCache(o => o.AddPolicy(SiteOutputCache.Policy, policy => policy
            .Expire(SiteOutputCache.Duration)
            .AddPolicy<SiteOutputCache.TagWithAccount>()
            // Only the category changes what a page shows; WeChat adds ?from=…&isappinstalled=… to shared
            // links, which would otherwise give every share its own cache entry.
            .SetVaryByQuery("category")));
        if (builder.Switch<RedisOptions>(RedisOptions.SectionName).Enabled)
        {
            // Shared by all instances, so the instance where an operator saves evicts everyone's copy. It
            // uses the app's one multiplexer and key prefix.
            services.AddStackExchangeRedisOutputCache(_ => { });
            // While Redis is down the cache steps aside rather than failing every public page.
            var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(redisStore);
            services.AddSingleton<IOutputCacheStore>(sp => new RedisOutageOutputCacheStore(
                redisStore.ImplementationFactory is { } factory
                    ? (IOutputCacheStore)factory(sp)
                    : (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, redisStore.ImplementationType!),
                sp.GetRequiredService<RedisConnection>()));
            services.AddSingleton<IConfigureOptions<RedisOutputCacheOptions>>(sp =>
            {
                var connection = sp.GetRequiredService<RedisConnection>();
                var prefix = sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix;
                return new ConfigureOptions<RedisOutputCacheOptions>(o =>
                {
                    o.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer);
                    o.InstanceName = prefix + "output:";
                });
            });
        }

        services.AddResponseCompression(o =>
        {
            // Only the public pages are compressed (see MapSite), and they hold no secrets, so
            // compression over HTTPS gives BREACH nothing to guess.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>The JS-SDK signature; compression, read counting and the output cache for the public pages; the uploaded images.</summary>
    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapJsSdkConfig();
        app.UseWhen(context => SitePaths.IsPublic(context.Request.Path), site =>
        {
            site.UseResponseCompression();
            site.UseMiddleware<ArticleReadCounter>();
        });
        app.UseOutputCache();
        app.MapSiteMedia();
        return app;
    }
}
