using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Site;

namespace Portal.Web.Site;

/// <summary>
/// The public site's pages are kept in ASP.NET Core's output cache under one tag and dropped together when
/// an operator saves anything: content changes are rare and a page shows several kinds of content at once
/// (the home page: banners, grid, featured articles, profile), so per-item tags would buy little. With
/// Redis configured the cache store is Redis, so an eviction made by the instance that saved reaches
/// every instance.
/// </summary>
public sealed class SiteOutputCache(IOutputCacheStore store) : ISiteCache
{
    public const string Policy = "site";

    public const string Tag = "site";

    /// <summary>How long a page is kept at most; a save evicts it at once, so this only bounds staleness of read counts.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    public Task ContentChangedAsync(CancellationToken ct = default) => store.EvictByTagAsync(Tag, ct).AsTask();
}
