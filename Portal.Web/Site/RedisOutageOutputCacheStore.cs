using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Coordination;

namespace Portal.Web.Site;

/// <summary>
/// The Redis output cache, made to step aside while Redis cannot be reached: a read is a miss (the page is
/// rendered afresh), a write is skipped, and an eviction is dropped, so pages keep working. Every command goes
/// through the connection's circuit, so while it is open the cache costs nothing and the outage is logged
/// with Redis's. A dropped eviction can leave a page cached in Redis for up to <see cref="SiteOutputCache.Duration"/>
/// if Redis kept its data through the outage; a restarted Redis has lost the cache anyway.
/// </summary>
internal sealed class RedisOutageOutputCacheStore(IOutputCacheStore inner, RedisConnection redis) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.Circuit.RunAsync(() => inner.GetAsync(key, cancellationToken).AsTask());
        }
        catch (CoordinationUnavailableException)
        {
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Circuit.RunAsync(() => inner.SetAsync(key, value, tags, validFor, cancellationToken).AsTask());
        }
        catch (CoordinationUnavailableException)
        {
            // Not cached this time; the next request renders the page again.
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Circuit.RunAsync(() => inner.EvictByTagAsync(tag, cancellationToken).AsTask());
        }
        catch (CoordinationUnavailableException)
        {
            // The operator's change is saved; only the cached copies may outlive it, for at most their duration.
        }
    }
}
