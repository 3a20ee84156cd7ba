using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

/// <summary>
/// An operator's sign-in cookie as a browser carries it from one instance to another behind a load
/// balancer: signed in on one instance, presented to any other.
/// </summary>
public static partial class OperatorCookies
{
    private const string Name = "portal.operator";

    /// <summary>Creates an operator on <paramref name="app"/>'s database and returns the cookie its sign-in there sets.</summary>
    public static async Task<string> SignInAsync(PortalAppFactory app)
    {
        var name = $"op-{Guid.NewGuid():N}"[..16];
        await AdminBrowser.CreateOperatorAsync(app, name, OperatorRole.Editor);
        return await SignInAsync(app, name);
    }

    /// <summary>Signs an existing operator in on <paramref name="app"/> through the sign-in form.</summary>
    public static async Task<string> SignInAsync(PortalAppFactory app, string name)
    {
        var site = new Uri("http://localhost/");
        var cookies = new CookieContainer();
        using var http = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var form = await http.GetStringAsync("/admin/signin");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        using var response = await http.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Password"] = AdminBrowser.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies.GetCookies(site)[Name]?.Value ?? throw new InvalidOperationException("Signing in set no operator cookie.");
    }

    /// <summary>Whether <paramref name="app"/> lets the holder of <paramref name="cookie"/> into the admin (rather than sending them to sign in).</summary>
    public static async Task<bool> OpensAdminAsync(PortalAppFactory app, string cookie)
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", $"{Name}={cookie}");
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
            return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/admin/signin", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        return false;
    }

    /// <summary>The key ring's rows as <paramref name="app"/> stored them: element name and XML.</summary>
    public static async Task<List<(string Name, string Xml)>> StoredRingAsync(PortalAppFactory app)
    {
        await using var connection = await app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var rows = await connection.QueryAsync<(string, string)>("SELECT name, xml FROM data_protection_keys ORDER BY id");
        return rows.ToList();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
