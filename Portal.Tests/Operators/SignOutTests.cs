using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operators;

/// <summary>
/// Signing out ends the session on the server: a copy of the operator cookie taken before sign-out (from a
/// shared computer, a proxy log, malware) no longer opens the admin, on this instance or another.
/// </summary>
public sealed partial class SignOutTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();

    public Task InitializeAsync() => _shared.InitializeAsync();

    public Task DisposeAsync() => _shared.DisposeAsync();

    [Fact]
    public async Task A_copied_cookie_stops_opening_the_admin_once_its_owner_signs_out()
    {
        await using var app = new PortalAppFactory();
        await AdminBrowser.CreateOperatorAsync(app, "olga", OperatorRole.Owner);
        using var owner = new CookieBrowser(app);
        await owner.SignInAsync("olga");
        using var copy = new CookieBrowser(app);
        copy.TakeOperatorCookieFrom(owner);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin")).StatusCode);

        using var signedOut = await owner.PostFormAsync("/admin/signout", []);
        Assert.Equal("/admin/signin", signedOut.Headers.Location!.OriginalString);

        var reused = await copy.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, reused.StatusCode);
        Assert.StartsWith("/admin/signin", reused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/admin/operators")).StatusCode);

        // Signing in again starts a new session, which works.
        using var again = new CookieBrowser(app);
        await again.SignInAsync("olga");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_on_one_instance_ends_the_session_on_another_sharing_postgres_and_redis()
    {
        await using var one = _shared.Instance();
        await using var two = _shared.Instance();
        await AdminBrowser.CreateOperatorAsync(one, "pavel", OperatorRole.Editor);
        using var onOne = new CookieBrowser(one);
        await onOne.SignInAsync("pavel");
        using var onTwo = new CookieBrowser(two);
        onTwo.TakeOperatorCookieFrom(onOne);
        Assert.Equal(HttpStatusCode.OK, (await onTwo.GetAsync("/admin")).StatusCode);

        (await onOne.PostFormAsync("/admin/signout", [])).Dispose();

        var reused = await onTwo.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, reused.StatusCode);
        Assert.StartsWith("/admin/signin", reused.Headers.Location!.PathAndQuery);
    }

    /// <summary>A browser whose cookies a test can read and copy, which follows no redirects.</summary>
    private sealed class CookieBrowser : IDisposable
    {
        private static readonly Uri Site = new("http://localhost/");
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _http;

        public CookieBrowser(PortalAppFactory app) => _http = app.CreateDefaultClient(new CookieContainerHandler(_cookies));

        public async Task SignInAsync(string name)
        {
            using var response = await PostFormAsync("/admin/signin", new() { ["Name"] = name, ["Password"] = AdminBrowser.Password });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        public void TakeOperatorCookieFrom(CookieBrowser other) =>
            _cookies.Add(Site, new Cookie("portal.operator", other._cookies.GetCookies(Site)["portal.operator"]!.Value));

        public async Task<HttpResponseMessage> GetAsync(string url) => await _http.GetAsync(url);

        public async Task<HttpResponseMessage> PostFormAsync(string page, Dictionary<string, string> fields)
        {
            var html = await (await _http.GetAsync(page)).Content.ReadAsStringAsync();
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
            return await _http.PostAsync(page, new FormUrlEncodedContent(fields));
        }

        public void Dispose() => _http.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
