using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Operators;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// One person's browser on the admin: keeps cookies, does not follow redirects (tests look at them), and
/// posts forms the way a browser does, with the antiforgery token read from the page the form is on.
/// </summary>
public sealed partial class AdminBrowser(PortalAppFactory app) : IDisposable
{
    private readonly HttpClient _http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser connecting from <paramref name="peer"/> (needs <see cref="PeerAddress.WithPeerAddresses"/>).</summary>
    public AdminBrowser(PortalAppFactory app, string peer) : this(app) => _http.DefaultRequestHeaders.Add(PeerAddress.Header, peer);

    /// <summary>Headers sent with every request from now on (a proxy's X-Forwarded-For, say).</summary>
    public System.Net.Http.Headers.HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    /// <summary>Creates an operator directly (as the create-owner command would) and signs this browser in as them.</summary>
    public static async Task<AdminBrowser> SignedInAsync(PortalAppFactory app, OperatorRole role, string? name = null)
    {
        name ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await CreateOperatorAsync(app, name, role);
        var browser = new AdminBrowser(app);
        using var response = await browser.SignInAsync(name, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public const string Password = "correct horse battery";

    public static async Task<Operator> CreateOperatorAsync(PortalAppFactory app, string name, OperatorRole role, string password = Password) =>
        await app.Services.GetRequiredService<OperatorAccounts>().CreateAsync(AuditActor.Command("test"), name, role, password)
        ?? throw new InvalidOperationException($"Operator {name} exists already.");

    public Task<HttpResponseMessage> SignInAsync(string name, string password) =>
        PostFormAsync("/admin/signin", "/admin/signin", new() { ["Name"] = name, ["Password"] = password });

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public async Task<string> GetPageAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await GetPageAsync(formPage);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"{formPage} has no antiforgery token");
        return await PostWithoutTokenAsync(action, new(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) });
    }

    /// <summary>Posts any content (a file upload); the caller puts the antiforgery token in it.</summary>
    public Task<HttpResponseMessage> PostAsync(string action, HttpContent content) => _http.PostAsync(action, content);

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, Dictionary<string, string> fields) =>
        _http.PostAsync(action, new FormUrlEncodedContent(fields));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _http.Dispose();
}
