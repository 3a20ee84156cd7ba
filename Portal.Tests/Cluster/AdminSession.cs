using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Tests.Cluster;

/// <summary>
/// An operator's browser, reduced to its cookies: signs in through one instance and carries the cookies to
/// any other, as a balancer without sticky sessions does. Cookies are sent by hand so that nothing about
/// ports or hosts decides which instance sees them.
/// </summary>
public sealed partial class AdminSession
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static async Task<AdminSession> SignInAsync(PortalProcess instance, string name, string password)
    {
        var session = new AdminSession();
        using var http = Client(instance);
        using (var form = await session.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "admin/signin")))
        {
            var page = await form.Content.ReadAsStringAsync();
            var token = TokenPattern().Match(page);
            if (!token.Success)
                throw new InvalidOperationException($"{instance.Name}'s sign-in page ({(int)form.StatusCode}) has no antiforgery token.");
            var fields = new Dictionary<string, string>
            {
                ["Name"] = name,
                ["Password"] = password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            };
            using var signIn = await session.SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "admin/signin") { Content = new FormUrlEncodedContent(fields) });
            if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.Contains("signin", StringComparison.OrdinalIgnoreCase) == true)
                throw new InvalidOperationException($"Signing {name} in through {instance.Name} answered {(int)signIn.StatusCode} {signIn.Headers.Location}.");
        }
        return session;
    }

    /// <summary>Whether <paramref name="instance"/> takes these cookies for a signed-in operator: the dashboard opens instead of sending them to sign in.</summary>
    public async Task<bool> AcceptedByAsync(PortalProcess instance)
    {
        using var http = Client(instance);
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin");
        request.Headers.Add("Cookie", CookieHeader());
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", CookieHeader());
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                    _cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }
        return response;
    }

    private string CookieHeader() => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    private static HttpClient Client(PortalProcess instance) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = instance.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
