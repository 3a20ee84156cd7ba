using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;
using Portal.Core.WeChat;
using Portal.Web.Accounts;
using Portal.Web.Hosting;

namespace Portal.Web.Members;

/// <summary>
/// Member sign-in through WeChat web authorization:
/// <c>/members/signin</c> keeps the page's fragment (which never reaches a server) and goes on to
/// <c>/members/signin/start</c>, which binds a random state to this browser and sends it to WeChat's
/// authorize page; WeChat comes back to <c>/members/oauth/callback</c> with a code.
/// </summary>
public static class MemberSignInEndpoints
{
    public const string SignInPath = "/members/signin";
    public const string StartPath = "/members/signin/start";
    public const string CallbackPath = "/members/oauth/callback";

    /// <summary>More round trips than this within the state cookie's life means something loops.</summary>
    public const int MaxAttempts = 3;

    internal static IEndpointRouteBuilder MapMemberSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInPath, SignIn).ExcludeFromDescription();
        endpoints.MapGet(StartPath, Start).ExcludeFromDescription();
        endpoints.MapGet(CallbackPath, CallbackAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult SignIn(HttpContext http, string? returnUrl, string? scope)
    {
        // Under the page's account prefix (/a/{AppId}), which the path base holds.
        var start = QueryHelpers.AddQueryString(http.Request.PathBase + StartPath, "scope", Scope(scope));
        // The page's #fragment is only known to the browser: add it to the return URL before leaving.
        return MemberPages.Page("Signing in…", $"""
            <p>Signing you in with WeChat…</p>
            <noscript><p><a href="{HtmlEncoder.Default.Encode(QueryHelpers.AddQueryString(start, "returnUrl", LocalOnly(returnUrl)))}">Continue</a></p></noscript>
            <script src="/h5/signin.js" data-start="{HtmlEncoder.Default.Encode(start)}" data-return-url="{HtmlEncoder.Default.Encode(LocalOnly(returnUrl))}"></script>
            """);
    }

    private static IResult Start(HttpContext http, string? returnUrl, string? scope, OAuthStateCookie cookie, WeChatBrowser browser, IOptions<WeChatOptions> platform, PublicAddress site, TimeProvider time)
    {
        var target = LocalOnly(returnUrl);
        if (!browser.IsInside(http.Request))
            return MemberPages.OpenInWeChat(site.Absolute(target).ToString());

        var previous = cookie.Read(http.Request);
        var attempts = (previous?.Attempts ?? 0) + 1;
        if (attempts > MaxAttempts)
            return MemberPages.CouldNotSignIn(QueryHelpers.AddQueryString(http.Request.PathBase + SignInPath, new Dictionary<string, string?> { ["returnUrl"] = target, ["scope"] = Scope(scope) }), http, cookie);

        var state = new OAuthState(OAuthStateCookie.NewState(), target, Scope(scope), attempts, previous?.StartedAt ?? time.GetUtcNow());
        cookie.Write(http.Response, state);
        // From the configured address, never the Host header: WeChat must send the code back to this site only,
        // and to the page's account, whose AppId asks for it (its console lists this site's domain).
        var callback = site.Absolute(http.Request.PathBase + CallbackPath).ToString();
        return Results.Redirect(OAuthAuthorizeUrl.Build(platform.Value.OpenBaseUrl, http.PageAccount().AppId, callback, state.Scope, state.State));
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, string? code, string? state, OAuthStateCookie cookie, MemberSignInFlow flow)
    {
        var started = cookie.Read(http.Request);
        if (started is null || string.IsNullOrEmpty(state) || !CryptographicEquals(started.State, state))
            return MemberPages.NotStartedHere();
        if (string.IsNullOrEmpty(code))
            return MemberPages.Declined(http.Request.PathBase + SignInPath, started.ReturnUrl);

        // The state cookie's path is the account's (/a/{AppId}/members), so the state read here was started for this account.
        var account = http.PageAccount();
        var member = await flow.RedeemAsync(account, code, started.State, http.RequestAborted);
        if (member is null)
        {
            // A code the platform no longer takes (expired, or used by a request that never finished): go
            // round once more; the attempt counter stops a loop.
            return Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + StartPath, new Dictionary<string, string?> { ["returnUrl"] = started.ReturnUrl, ["scope"] = started.Scope }));
        }
        await http.SignInAsync(MemberAuthentication.Scheme, MemberAuthentication.Principal(account, member.MemberId, member.OpenId, member.Scope));
        // Kept (with the count reset) so that a repeated callback with this code finds its state.
        cookie.Write(http.Response, started with { Attempts = 0 });
        return Results.LocalRedirect(started.ReturnUrl);
    }

    /// <summary>A path on this site, or the home page: never somewhere else (no open redirect).</summary>
    public static string LocalOnly(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/')
            return "/";
        // "//host" and "/\host" are read by browsers as another site.
        if (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
            return "/";
        // Kept percent-encoded: it ends up in a Location header, which takes ASCII only.
        return returnUrl.Any(char.IsControl) ? "/" : Hosting.LocationHeader.Encode(returnUrl);
    }

    private static string Scope(string? scope) => scope == OAuthScopes.UserInfo ? OAuthScopes.UserInfo : OAuthScopes.Base;

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
