using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using Portal.Core.Site;
using Portal.Web.Site;

namespace Portal.Web.Hosting;

/// <summary>The micro-site: its content services, the output cache for its pages, compression, uploaded images.</summary>
public static class PortalSite
{
    public static WebApplicationBuilder AddPortalSite(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SiteStore>();
        services.AddSingleton<SiteEditor>();
        services.AddSingleton<ReadCounts>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadCounts>());
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<ISiteCache, SiteOutputCache>();

        services.AddOutputCache(o => o.AddPolicy(SiteOutputCache.Policy, policy => policy
            .Expire(SiteOutputCache.Duration)
            .Tag(SiteOutputCache.Tag)
            // Only the category changes what a page shows; WeChat adds ?from=…&isappinstalled=… to shared
            // links, which would otherwise give every share its own cache entry.
            .SetVaryByQuery("category")));
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
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
            // Only the public pages are compressed (see UsePortalSite), and they hold no secrets, so
            // compression over HTTPS gives BREACH nothing to guess.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>Compression, read counting and the output cache for the public pages; the uploaded images.</summary>
    public static WebApplication UsePortalSite(this WebApplication app)
    {
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
