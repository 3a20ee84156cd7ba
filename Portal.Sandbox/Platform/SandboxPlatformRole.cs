using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Platform;

/// <summary>
/// Whether this process plays the WeChat platform. There is one platform, as there is one WeChat: the
/// process reached at <c>Sandbox:SelfUrl</c>, which every instance's platform client already calls. The
/// other instances forward their sandbox paths to it (<see cref="SandboxForwarding"/>), so a follower made
/// on any instance's phone page is one the platform knows.
/// </summary>
/// <remarks>
/// <c>Sandbox:PlaysPlatform</c> decides when set. Left unset, a process plays when it listens at SelfUrl:
/// one of the addresses the server reports (known once it has started) has SelfUrl's scheme and port, and
/// a host that is SelfUrl's, or both are loopback, or it listens on every interface and SelfUrl's host is
/// this machine (its name or one of its addresses). No setting is needed on one machine: <c>dotnet run</c>
/// listens on http://localhost:5080, the default SelfUrl, and plays, and instances on other ports defer to
/// the one whose port SelfUrl names. Names a process cannot recognise as its own (a container's service
/// name, a balancer in front of several) are why the setting exists. A server that reports no address (the
/// in-memory test host) plays: it can reach nothing else anyway.
/// </remarks>
public sealed class SandboxPlatformRole(IServer server, IOptions<SandboxOptions> options)
{
    private const int Unknown = 0, Plays = 1, Defers = 2;
    private int _decided = Unknown;

    /// <summary>The address of the process that plays the platform.</summary>
    public Uri PlatformUrl => options.Value.SelfUrl;

    public bool PlaysPlatform
    {
        get
        {
            var decided = Volatile.Read(ref _decided);
            if (decided != Unknown)
                return decided == Plays;
            bool plays;
            if (options.Value.PlaysPlatform is { } chosen)
                plays = chosen;
            else if (server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses)
                plays = IsListenedOn(options.Value.SelfUrl, addresses);
            else
                return true;   // not listening (yet, or ever): not remembered, so a started server is asked again
            Volatile.Write(ref _decided, plays ? Plays : Defers);
            return plays;
        }
    }

    /// <summary>Whether a server listening on <paramref name="addresses"/> is the one reached at <paramref name="selfUrl"/>.</summary>
    public static bool IsListenedOn(Uri selfUrl, IEnumerable<string> addresses)
    {
        var selfHost = Unbracket(selfUrl.Host);
        foreach (var address in addresses)
        {
            BindingAddress listen;
            try
            {
                listen = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }
            if (!string.Equals(listen.Scheme, selfUrl.Scheme, StringComparison.OrdinalIgnoreCase) || listen.Port != selfUrl.Port)
                continue;
            var host = Unbracket(listen.Host);
            if (string.Equals(host, selfHost, StringComparison.OrdinalIgnoreCase)
                || (IsLoopback(host) && IsLoopback(selfHost))
                || (IsEveryInterface(host) && IsThisMachine(selfHost)))
                return true;
        }
        return false;
    }

    private static string Unbracket(string host) => host.TrimStart('[').TrimEnd(']');

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsEveryInterface(string host) =>
        host is "*" or "+" || (IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    /// <summary>Names and addresses this machine answers to, without asking DNS (which may be slow or absent).</summary>
    private static bool IsThisMachine(string host)
    {
        if (IsLoopback(host) || string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase))
            return true;
        if (!IPAddress.TryParse(host, out var ip))
            return false;
        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(u => u.Address.Equals(ip));
    }
}
