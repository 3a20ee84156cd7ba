using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no sockets, so every request comes from nowhere. A test that cares where
/// a request comes from names the connecting address in <see cref="Header"/>; it is set as the connection's
/// remote address ahead of the whole app, as a real socket would be, and the header removed.
/// </summary>
public static class PeerAddress
{
    public const string Header = "X-Test-Peer";

    public static PortalAppFactory WithPeerAddresses(this PortalAppFactory app)
    {
        app.TestServices.Add(services => services.AddTransient<IStartupFilter, PeerAddressFilter>());
        return app;
    }

    /// <summary>A request from <paramref name="peer"/>.</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string peer)
    {
        request.Headers.Add(Header, peer);
        return request;
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, after) =>
            {
                if (http.Request.Headers.Remove(Header, out var peer))
                    http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return after(http);
            });
            next(app);
        };
    }
}
