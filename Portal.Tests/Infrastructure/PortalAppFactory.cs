using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Portal hosted in-process over real HTTP handlers, with its own data folder and the account settings a
/// test chooses. Settings go in through <see cref="Settings"/> before the first request.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    public const string AppId = "wx5823bf96d3bd56c7";
    public const string Token = "portaltesttoken";
    public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    /// <summary>
    /// A second account for tests of several accounts: the account of Tencent's published encryption sample
    /// (shared/fixtures/wechat-vectors.json, TENCENT_JAVA_SAMPLE_ENCRYPT_1), configured by <see cref="WithSecondAccount"/>.
    /// </summary>
    public const string SecondAppId = "wxb11529c136998cb6";
    public const string SecondToken = "pamtest";
    public const string SecondEncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("portal-app"));

    public string Environment { get; init; } = "Testing";

    /// <summary>Configuration keys as in appsettings.json (<c>WeChat:AppId</c>); null removes a default.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["WeChat:AppId"] = AppId,
        ["WeChat:AppSecret"] = "test-app-secret",
        ["WeChat:Token"] = Token,
        ["WeChat:EncodingAESKey"] = EncodingAesKey,
        // The platform is played by the app's own sandbox, reached over (in-memory) HTTP.
        ["Sandbox:Enabled"] = "true",
        ["WeChat:ApiBaseUrl"] = "http://localhost/sandbox/",
        ["Sandbox:SelfUrl"] = "http://localhost/",
        // Tests bring their own rules; the starter account is for people trying Portal (tests opt in).
        ["Sandbox:StarterKit"] = "false",
    };

    /// <summary>
    /// Whether the app calls itself over the network (a Kestrel-hosted app for browser tests) rather than
    /// through the in-memory test server.
    /// </summary>
    protected bool RealHttp { get; init; }

    /// <summary>Changes to the app's services, e.g. a fixed clock or an extra message handler.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    /// <summary>Adds <see cref="SecondAppId"/> as <c>WeChat:Accounts:0</c>, beside the default account.</summary>
    public PortalAppFactory WithSecondAccount(string name = "Second shop")
    {
        Settings["WeChat:Accounts:0:AppId"] = SecondAppId;
        Settings["WeChat:Accounts:0:AppSecret"] = "second-app-secret";
        Settings["WeChat:Accounts:0:Token"] = SecondToken;
        Settings["WeChat:Accounts:0:EncodingAESKey"] = SecondEncodingAesKey;
        Settings["WeChat:Accounts:0:Name"] = name;
        return this;
    }

    /// <summary>Runs the app on a fixed clock (WeChat's recorded pushes carry their own old timestamps).</summary>
    public PortalAppFactory WithClock(TimeProvider time)
    {
        TestServices.Add(services => services.AddSingleton(time));
        return this;
    }

    /// <summary>
    /// A follower the sandbox platform knows, who follows the account and has just written, so the 48-hour
    /// customer-service window is open.
    /// </summary>
    public string FollowerWhoJustWrote(string nickname = "Test follower")
    {
        var followers = Services.GetRequiredService<Portal.Sandbox.Followers.SandboxFollowers>();
        var follower = followers.Create(nickname, InboundXml.NewOpenId());
        followers.Follow(follower, qrScene: null);
        return follower.OpenId;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            if (!RealHttp)
            {
                services.AddHttpClient(Portal.Core.Platform.PlatformHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
                services.AddHttpClient(Portal.Sandbox.Messaging.SandboxWebhookClient.ClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            }
            foreach (var change in TestServices)
                change(services);
        });
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:DataFolder", DataFolder);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataFolder))
                Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS later.
        }
    }
}
