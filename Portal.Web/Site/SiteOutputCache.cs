using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Site;
using Portal.Web.Accounts;

namespace Portal.Web.Site;

/// <summary>
/// The public site's pages are kept in ASP.NET Core's output cache under one tag per account
/// (<see cref="AccountTag"/>) and an account's pages are dropped together when an operator saves anything of its site: content changes are rare and a page shows several kinds of content at once
/// (the home page: banners, grid, featured articles, profile), so per-item tags would buy little. With
/// Redis configured the cache store is Redis, so an eviction made by the instance that saved reaches
/// every instance.
/// </summary>
public sealed class SiteOutputCache(IOutputCacheStore store) : ISiteCache
{
    public const string Policy = "site";

    /// <summary>The tag of one account's pages.</summary>
    public static string AccountTag(int accountId) => "site:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How long a page is kept at most; a save evicts it at once, so this only bounds staleness of read counts.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    public Task ContentChangedAsync(int accountId, CancellationToken ct = default) => store.EvictByTagAsync(AccountTag(accountId), ct).AsTask();

    /// <summary>Tags each cached page with its account, so one account's save leaves the others' pages cached.</summary>
    public sealed class TagWithAccount : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.Tags.Add(AccountTag(context.HttpContext.PageAccount().Id));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
