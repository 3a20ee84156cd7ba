using Portal.Core.Accounts;

namespace Portal.Web.Accounts;

/// <summary>
/// Which account a follower's page belongs to. Every account's pages answer under <c>/a/{AppId}/…</c>
/// (<c>/a/wx…/members/me</c>); everything else is the default account's, so a single-account Portal keeps its
/// URLs. A path prefix rather than a host per account: WeChat checks an authorize <c>redirect_uri</c> and a
/// JS-SDK page against domains each account lists in its console, and one domain may be listed by several
/// accounts, so one public address (one certificate, one <c>Portal:PublicBaseUrl</c>, nothing built from the
/// Host header) serves them all. The prefix moves into <see cref="HttpRequest.PathBase"/>, so links written
/// <c>~/members/…</c>, cookie paths and redirects built from the path base stay on the page's account.
/// </summary>
public static class PageAccounts
{
    public const string Prefix = "/a";

    // The operators' admin, the sandbox and health checks belong to no account's pages.
    private static readonly PathString[] NotAccountPages = ["/admin", "/sandbox", "/healthz"];

    /// <summary>Finds the page's account before routing; an unknown AppId under <c>/a/</c> is 404.</summary>
    public static IApplicationBuilder UsePortalPageAccounts(this IApplicationBuilder app)
    {
        var accounts = app.ApplicationServices.GetRequiredService<AccountDirectory>();
        var prefix = new PathString(Prefix);
        return app.Use((http, next) =>
        {
            var request = http.Request;
            if (!request.Path.StartsWithSegments(prefix, out var rest))
            {
                http.Features.Set(new PageAccount(accounts.Default));
                return next(http);
            }
            var value = rest.Value ?? "";
            var end = value.IndexOf('/', 1);
            var appId = end < 0 ? value.AsSpan(1) : value.AsSpan(1, end - 1);
            var page = end < 0 ? PathString.Empty : new PathString(value[end..]);
            if (appId.IsEmpty || accounts.FindByAppId(appId) is not { } account || NotAccountPages.Any(p => page.StartsWithSegments(p)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            http.Features.Set(new PageAccount(account));
            request.PathBase = request.PathBase.Add(prefix + new PathString("/" + account.AppId));
            request.Path = page.HasValue ? page : new PathString("/");
            return next(http);
        });
    }

    /// <summary>The account of the page being served (the default account outside <c>/a/{AppId}/</c>).</summary>
    public static WeChatAccount PageAccount(this HttpContext http) =>
        http.Features.Get<PageAccount>()?.Account
        ?? throw new InvalidOperationException("The page's account is found by UsePortalPageAccounts, which must come before routing.");

    /// <summary>
    /// The account of the page at <paramref name="page"/> (an absolute URL on the site at <paramref name="siteBase"/>),
    /// read from its path as the middleware reads a request's; null for <c>/a/</c> with an AppId that is no account.
    /// </summary>
    public static WeChatAccount? OfPage(AccountDirectory accounts, Uri siteBase, Uri page)
    {
        var path = page.AbsolutePath.AsSpan();
        var basePath = siteBase.AbsolutePath.TrimEnd('/');
        if (!path.StartsWith(basePath + Prefix + "/", StringComparison.Ordinal))
            return accounts.Default;
        var rest = path[(basePath.Length + Prefix.Length + 1)..];
        var end = rest.IndexOf('/');
        return accounts.FindByAppId(end < 0 ? rest : rest[..end]);
    }
}

/// <summary>The request feature that carries the page's account.</summary>
public sealed record PageAccount(WeChatAccount Account);
