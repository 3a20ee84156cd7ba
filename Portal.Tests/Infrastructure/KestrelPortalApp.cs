using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Portal listening on a real port on 127.0.0.1, for a real browser: the sandbox, the platform client
/// and the webhook all reach each other over the network, as on a developer's machine.
/// </summary>
public sealed class KestrelPortalApp : PortalAppFactory
{
    public KestrelPortalApp()
    {
        RealHttp = true;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        Settings["Sandbox:SelfUrl"] = BaseUrl.ToString();
        Settings["WeChat:ApiBaseUrl"] = new Uri(BaseUrl, "sandbox/").ToString();
        UseKestrel(port);
    }

    public Uri BaseUrl { get; }

    /// <summary>Starts listening; call before pointing a browser at <see cref="BaseUrl"/>.</summary>
    public KestrelPortalApp Start()
    {
        StartServer();
        return this;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
