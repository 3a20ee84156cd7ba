using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Members;

/// <summary>
/// A phone's browser for sign-in tests: it keeps cookies, follows redirects itself (so a test can stop at
/// any hop) and, when given a sandbox follower, is "inside WeChat" for the sandbox.
/// </summary>
public sealed class MemberBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public MemberBrowser(PortalAppFactory app, string? sandboxFollower)
    {
        if (sandboxFollower is not null)
            _cookies.Add(new Uri("http://localhost/"), new Cookie(SandboxAuthorizePage.FollowerCookie, sandboxFollower));
        Http = app.CreateDefaultClient(new CookieContainerHandler(_cookies));
    }

    public HttpClient Http { get; }

    /// <summary>Follows redirects from <paramref name="url"/> until a page answers; the hops taken are listed.</summary>
    public async Task<(HttpResponseMessage Page, List<string> Hops)> GoAsync(string url, int maxHops = 10)
    {
        var hops = new List<string> { url };
        var response = await Http.GetAsync(url);
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops.Count <= maxHops)
        {
            var next = response.Headers.Location!;
            url = next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString;
            hops.Add(url);
            response.Dispose();
            response = await Http.GetAsync(url);
        }
        return (response, hops);
    }

    /// <summary>Does what the sign-in page's script does: go on to the start, with the page's fragment.</summary>
    public static string StartFrom(string signInUrl, string fragment = "")
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), signInUrl).Query);
        return $"/members/signin/start?scope={query["scope"]}&returnUrl={Uri.EscapeDataString(query["returnUrl"] + fragment)}";
    }

    /// <summary>Presses a button on the sandbox's consent page.</summary>
    public async Task<HttpResponseMessage> ConsentAsync(string consentHtml, string decision)
    {
        var form = Regex.Matches(consentHtml, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["decision"] = decision;
        var action = Regex.Match(consentHtml, "<form method=\"post\" action=\"([^\"]+)\">").Groups[1].Value;
        return await Http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The same phone reaching another instance behind the load balancer.</summary>
    public void CopyCookiesTo(MemberBrowser other)
    {
        foreach (Cookie cookie in _cookies.GetAllCookies())
            other._cookies.Add(new Uri("http://localhost/"), new Cookie(cookie.Name, cookie.Value));
    }

    public void Dispose() => Http.Dispose();
}
