using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Sandbox;

namespace Portal.Web.Hosting;

/// <summary>
/// The site's public address (the <c>Portal:PublicBaseUrl</c> setting), from which every absolute URL is built.
/// A request's Host header is the client's to choose: trusted, it let anyone make Portal send WeChat a
/// callback on their host, or sign their page for the JS-SDK.
/// </summary>
public sealed class PublicAddress(IOptions<PublicAddressOptions> options)
{
    public Uri BaseUrl { get; } = options.Value.BaseUrl;

    /// <summary>The absolute URL of a path of this site (<c>/members/me</c>, <c>media/x.png</c>).</summary>
    public Uri Absolute(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Whether <paramref name="url"/> is on this site: same scheme, host and port as the public address.</summary>
    public bool IsOnThisSite(Uri url) =>
        url.IsAbsoluteUri && Uri.Compare(url, BaseUrl, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
}

/// <summary>Registers the public address, the hosts answered and the proxies believed.</summary>
public static class PublicAddressSetup
{
    public static WebApplicationBuilder AddPortalPublicAddress(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var environment = builder.Environment;
        var configuration = builder.Configuration;
        builder.AddValidatedOptions<PublicAddressOptions, PublicAddressOptionsValidator>(PublicAddressOptions.SectionName)
            .PostConfigure<IOptions<SandboxOptions>>((o, sandbox) =>
            {
                // Outside Production the developer's machine is the default: where the sandbox reaches the app.
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !environment.IsProduction())
                    o.PublicBaseUrl = sandbox.Value.SelfUrl.ToString();
            });
        services.AddSingleton<PublicAddress>();

        // Only the public host is answered, unless AllowedHosts is set explicitly; a request for another
        // host gets 400 before any page sees it. In Development the loopback names work too.
        if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            services.AddOptions<HostFilteringOptions>().Configure<IOptions<PublicAddressOptions>, IOptions<SandboxOptions>>((o, address, sandbox) =>
            {
                var hosts = new List<string> { address.Value.BaseUrl.IdnHost };
                if (sandbox.Value.Enabled)
                    hosts.Add(sandbox.Value.SelfUrl.IdnHost);   // the sandbox calls this app there
                if (environment.IsDevelopment())
                    hosts.AddRange(["localhost", "127.0.0.1", "[::1]"]);
                o.AllowedHosts = hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            });
        }

        // X-Forwarded-For and -Proto only from the proxies listed, never X-Forwarded-Host (the public
        // address says the host). The framework's defaults trust loopback: cleared, so that nothing is
        // trusted unless configured.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicAddressOptions>>((o, address) =>
        {
            // With no proxy listed, nothing is read: ASPNETCORE_FORWARDEDHEADERS_ENABLED would otherwise add the
            // middleware with empty lists, which believes every sender.
            var any = address.Value.KnownProxies.Count > 0 || address.Value.KnownNetworks.Count > 0;
            o.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null;   // a chain of listed proxies is walked back to the first address not listed
            foreach (var proxy in address.Value.KnownProxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in address.Value.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    /// <summary>
    /// Believes forwarded headers from the configured proxies only. With none configured the middleware is
    /// left out entirely: given empty lists it would believe every sender.
    /// </summary>
    public static WebApplication UsePortalProxies(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IOptions<PublicAddressOptions>>().Value;
        if (address.KnownProxies.Count > 0 || address.KnownNetworks.Count > 0)
            app.UseForwardedHeaders();
        return app;
    }
}
