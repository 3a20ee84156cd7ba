using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Tests.Cluster;

/// <summary>An operator signed in through one instance, whose cookies any instance should then take.</summary>
public static partial class AdminSession
{
    public static async Task<ClusterBrowser> SignInAsync(PortalProcess instance, string name, string password)
    {
        var browser = new ClusterBrowser();
        using var form = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(instance.BaseUrl, "admin/signin")));
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync());
        if (!token.Success)
            throw new InvalidOperationException($"{instance.Name}'s sign-in page ({(int)form.StatusCode}) has no antiforgery token.");
        var fields = new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        using var signIn = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(instance.BaseUrl, "admin/signin")) { Content = new FormUrlEncodedContent(fields) });
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.Contains("signin", StringComparison.OrdinalIgnoreCase) == true)
            throw new InvalidOperationException($"Signing {name} in through {instance.Name} answered {(int)signIn.StatusCode} {signIn.Headers.Location}.");
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
