using Npgsql;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cluster;

/// <summary>
/// Three Portal instances (A, B, C) as real processes on one PostgreSQL database and one Redis of the
/// cluster's own, plus a fourth process that plays the WeChat platform (its sandbox, with
/// <c>Sandbox:SelfUrl</c> pointing at itself). All four share one Official Account. The instances call the
/// platform for tokens and customer-service messages; tests push to the instances as WeChat does.
/// </summary>
public class PortalCluster : IAsyncLifetime
{
    public const string AppSecret = "cluster-app-secret";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("portal-cluster"));
    private readonly string _database = TestServers.UniqueName("portal_cluster");

    public ClusterRedis Redis { get; private set; } = null!;

    public PortalProcess Platform { get; private set; } = null!;

    public SandboxPlatform Phone { get; private set; } = null!;

    public PortalProcess A { get; private set; } = null!;

    public PortalProcess B { get; private set; } = null!;

    public PortalProcess C { get; private set; } = null!;

    public IReadOnlyList<PortalProcess> Instances => [A, B, C];

    /// <summary>The instances and the platform, for counting log lines.</summary>
    public IReadOnlyList<PortalProcess> Processes => [A, B, C, Platform];

    public string ConnectionString { get; private set; } = "";

    /// <summary>Settings a subclass adds to every instance (e.g. a short outbox retry cap), as configuration keys.</summary>
    protected virtual IReadOnlyDictionary<string, string> InstanceSettings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await using (var admin = await TestServers.OpenPostgresAsync())
        {
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {_database}";
            await create.ExecuteNonQueryAsync();
        }
        // A small pool per instance: the shared test server serves every other test too.
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = _database, MaxPoolSize = 30 }.ConnectionString;

        Redis = new ClusterRedis(_folder);
        await Redis.StartAsync();

        Platform = new PortalProcess("platform", _folder, Account());
        var platformUrl = Platform.BaseUrl.ToString();
        Platform.Set("Sandbox__SelfUrl", platformUrl);
        Platform.Set("Portal__PublicBaseUrl", platformUrl);
        Platform.Set("Sandbox__PlaysPlatform", "true");
        Phone = new SandboxPlatform(Platform);

        A = Instance("a");
        B = Instance("b");
        C = Instance("c");
        // The sandbox's starter rules (a keyword, the slow button's route) are seeded by the first instance
        // alone, so that three empty instances starting together do not each seed them.
        A.Set("Sandbox__StarterKit", "true");
        // The account's server URL in the platform's console: followers' pushes from the phone (following, say)
        // reach the cluster, not the platform's own webhook.
        Platform.Set("Sandbox__WebhookUrl", new Uri(A.BaseUrl, "wx").ToString());
        await Task.WhenAll(Platform.StartAsync(), A.StartAsync());
        await Task.WhenAll(B.StartAsync(), C.StartAsync());
    }

    /// <summary>Every process running and Redis up, whatever the last test left behind.</summary>
    public async Task EnsureRunningAsync()
    {
        if (!Redis.Running)
            await Redis.StartAsync();
        await Task.WhenAll(Processes.Where(p => !p.Running).Select(p => p.StartAsync()));
    }

    public PortalProcess Named(string name) => Instances.Single(i => i.Name == name);

    /// <summary>The instances after <paramref name="first"/>, in turn, as a balancer sends retries elsewhere.</summary>
    public IReadOnlyList<PortalProcess> RouteFrom(PortalProcess first)
    {
        var all = Instances;
        var at = all.ToList().IndexOf(first);
        return [.. Enumerable.Range(0, all.Count).Select(i => all[(at + i) % all.Count])];
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync() => await TestServers.OpenPostgresAsync(_database);

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { A, B, C, Platform })
        {
            if (process is not null)
                await process.DisposeAsync();
        }
        if (Redis is not null)
            await Redis.DisposeAsync();
        KeepLogs();
        NpgsqlConnection.ClearAllPools();
        await using (var admin = await TestServers.OpenPostgresAsync())
        {
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the OS later.
        }
    }

    /// <summary>PORTAL_CLUSTER_LOGS: a folder each process's log is copied to before the cluster's folder is deleted.</summary>
    private void KeepLogs()
    {
        if (Environment.GetEnvironmentVariable("PORTAL_CLUSTER_LOGS") is not { Length: > 0 } keep)
            return;
        var into = Path.Combine(keep, Path.GetFileName(_folder));
        Directory.CreateDirectory(into);
        foreach (var log in Directory.EnumerateFiles(_folder, "*.log"))
            File.Copy(log, Path.Combine(into, Path.GetFileName(log)), overwrite: true);
    }

    private PortalProcess Instance(string name)
    {
        var platform = Platform.BaseUrl;
        var sandbox = new Uri(platform, "sandbox/").ToString();
        var settings = new Dictionary<string, string>(Account())
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = ConnectionString,
            ["Redis__Configuration"] = Redis.Configuration,
            ["Redis__KeyPrefix"] = "cluster:",
            // The platform API, the OAuth pages and the sandbox itself are the platform process's.
            ["Sandbox__SelfUrl"] = platform.ToString(),
            ["Sandbox__PlaysPlatform"] = "false",
            ["WeChat__ApiBaseUrl"] = sandbox,
            ["WeChat__OpenBaseUrl"] = sandbox,
            ["WeChat__MpBaseUrl"] = sandbox,
        };
        foreach (var (key, value) in InstanceSettings)
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var instance = new PortalProcess(name, _folder, settings);
        instance.Set("Portal__PublicBaseUrl", instance.BaseUrl.ToString());
        return instance;
    }

    /// <summary>The one Official Account all four processes share, and what every process runs with.</summary>
    private static Dictionary<string, string> Account() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        // Eight servers may share two cores with the rest of the suite: workstation GC keeps each one small.
        ["DOTNET_gcServer"] = "0",
        ["WeChat__AppId"] = PortalAppFactory.AppId,
        ["WeChat__AppSecret"] = AppSecret,
        ["WeChat__Token"] = PortalAppFactory.Token,
        ["WeChat__EncodingAESKey"] = PortalAppFactory.EncodingAesKey,
        ["Sandbox__Enabled"] = "true",
        ["Sandbox__StarterKit"] = "false",
    };
}
