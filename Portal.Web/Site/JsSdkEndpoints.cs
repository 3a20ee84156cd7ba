using Portal.Core.Accounts;
using Portal.Core.Platform;
using Portal.Web.Hosting;

namespace Portal.Web.Site;

/// <summary>
/// <c>GET /jssdk/config?url=…</c>: the signed <c>wx.config</c> for a page of this site. Only this site's
/// pages are signed: the ticket is the account's, not a signing service for anyone's pages.
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
            return Results.Json(await config.ForPageAsync(accounts.Default, url!, http.RequestAborted));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
