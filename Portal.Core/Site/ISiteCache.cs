namespace Portal.Core.Site;

/// <summary>
/// Whatever caches the site's public pages. <see cref="SiteEditor"/> calls it after every committed change,
/// so followers see an operator's save on their next request, on every instance.
/// </summary>
public interface ISiteCache
{
    /// <summary>Drops the cached pages of one account's site.</summary>
    Task ContentChangedAsync(int accountId, CancellationToken ct = default);
}
