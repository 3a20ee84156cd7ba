using System.Net;

namespace Portal.Tests.Cluster;

/// <summary>
/// One person's browser in front of the cluster, reduced to its cookies: it follows redirects itself from
/// one process to another (an instance to the platform's authorize page and back) and carries its cookies
/// to any instance, as a balancer without sticky sessions does. Cookies are kept and sent by hand, so that
/// nothing about ports decides which process sees them. It says it is WeChat's in-app browser.
/// </summary>
public sealed class ClusterBrowser
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 MicroMessenger/8.0.50");
        var response = await http.SendAsync(request);
        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
        {
            var pair = cookie.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
                _cookies[pair[..equals]] = pair[(equals + 1)..];
        }
        return response;
    }

    /// <summary>Opens <paramref name="url"/> and follows redirects until a page answers; returns it and where it was.</summary>
    public async Task<(HttpResponseMessage Page, Uri At)> GoAsync(Uri url, int maxHops = 10)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        for (var hop = 0; hop < maxHops && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hop++)
        {
            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
            response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        }
        return (response, url);
    }

    /// <summary>Whether <paramref name="instance"/> opens <paramref name="path"/> for this browser at once (200), rather than sending it to sign in.</summary>
    public async Task<bool> OpensAsync(PortalProcess instance, string path)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(instance.BaseUrl, path)));
        return response.StatusCode == HttpStatusCode.OK;
    }
}
