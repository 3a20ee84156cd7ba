using Portal.Core.Accounts;
using Portal.Core.Platform;
using Portal.Web.Accounts;
using Portal.Web.Hosting;

namespace Portal.Web.Site;

/// <summary>
/// <c>GET /jssdk/config?url=…</c>: the signed <c>wx.config</c> for a page of this site, with the ticket of the
/// page's account (the one its path names, <c>/a/{AppId}/…</c>, or the default account): each account lists
/// its own JS-SDK domains and signs its own pages. Only this site's pages are signed: the ticket is the
/// account's, not a signing service for anyone's pages.
/// </summary>
public static class JsSdkEndpoints
{
    internal static IEndpointRouteBuilder MapJsSdkConfig(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/jssdk/config", async (HttpContext http, string? url, JsSdkConfig config, AccountDirectory accounts, PublicAddress site) =>
        {
            // "This site" is the configured public address: a Host header naming another would get that host's pages signed.
            if (!Uri.TryCreate(url, UriKind.Absolute, out var page) || !site.IsOnThisSite(page))
                return Results.BadRequest(new { error = "Give the absolute URL of a page of this site." });
            // Signed as given: the JS-SDK compares against the page's own location.href, byte for byte
            // (Uri.ToString would unescape parts of it).
            if (PageAccounts.OfPage(accounts, site.BaseUrl, page) is not { } account)
                return Results.BadRequest(new { error = "The page's account is not one of this site's." });
            return Results.Json(await config.ForPageAsync(account, url!, http.RequestAborted));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
