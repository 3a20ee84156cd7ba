namespace Portal.Web.Hosting;

/// <summary>
/// Where people reach Portal, and which proxies in front of it may say who the client is. Bound from the
/// <c>Portal</c> section. Every absolute URL Portal hands out (the OAuth <c>redirect_uri</c>, the pages the
/// JS-SDK signs, links in template messages and share cards) is built from <see cref="PublicBaseUrl"/>,
/// never from the request's Host header, which the client chooses.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string SectionName = "Portal";

    /// <summary>
    /// The site's address as followers and WeChat see it, e.g. <c>https://portal.example.com/</c>. Required in
    /// Production; elsewhere it defaults to <c>Sandbox:SelfUrl</c> (<c>http://localhost:5080/</c>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Addresses of reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. None by default.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies. None by default.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The validated base URL, ending in a slash.</summary>
    public Uri BaseUrl => new(PublicBaseUrl!.EndsWith('/') ? PublicBaseUrl : PublicBaseUrl + "/");
}
