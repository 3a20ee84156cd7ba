using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Platform;

/// <summary>The JS-SDK ticket, shared across instances, and the wx.config a page receives.</summary>
public sealed class JsSdkTests : IAsyncLifetime
{
    private readonly PortalAppFactory _platform = new();
    private readonly string _prefix = TestServers.UniqueName("ticket") + ":";
    private readonly List<ServiceProvider> _instances = [];

    private sealed class FixedNonce(string nonce) : INonceSource
    {
        public string Next(int length) => nonce;
    }

    public Task InitializeAsync()
    {
        _ = _platform.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
            await instance.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private SandboxTickets Tickets => _platform.Services.GetRequiredService<SandboxTickets>();

    /// <summary>A separate Portal instance sharing the test Redis, as in AccessTokenBrokerTests.</summary>
    private ServiceProvider Instance(TimeProvider? time = null, INonceSource? nonces = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:AppId"] = PortalAppFactory.AppId,
            ["WeChat:AppSecret"] = "test-app-secret",
            ["WeChat:Token"] = PortalAppFactory.Token,
            ["WeChat:ApiBaseUrl"] = "http://localhost/sandbox/",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Redis:KeyPrefix"] = _prefix,
            ["Database:DataFolder"] = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("ticket")),
        }).Build();
        var services = CoreOnly.PlatformServices(config);
        if (time is not null)
            services.AddSingleton(time);
        if (nonces is not null)
            services.AddSingleton(nonces);
        services.AddHttpClient(PlatformHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => _platform.Server.CreateHandler());
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    private static readonly Portal.Core.Accounts.WeChatAccount Account = new() { Id = 1, AppId = PortalAppFactory.AppId, Name = "Test", AppSecret = "test-app-secret", Token = PortalAppFactory.Token };

    [Fact]
    public async Task Instances_asking_together_cause_one_ticket_fetch()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Instance()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asks = instances.SelectMany(i => Enumerable.Range(0, 5).Select(async _ =>
        {
            await start.Task;
            return await i.GetRequiredService<JsApiTicketBroker>().GetAsync(i.DefaultAccount());
        })).ToArray();
        start.SetResult();

        var tickets = await Task.WhenAll(asks);

        Assert.Single(tickets.Distinct());
        Assert.Equal(1, Tickets.Requests);
    }

    [Fact]
    public async Task The_config_for_a_page_signs_its_url_without_the_fragment()
    {
        var now = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        var instance = Instance(new FakeTimeProvider(now), new FixedNonce("Wm3WZYTPz0wzccnW"));

        var config = await instance.GetRequiredService<JsSdkConfig>().ForPageAsync(instance.DefaultAccount(), "http://portal.example/site/points?from=menu#top");

        var ticket = await instance.GetRequiredService<JsApiTicketBroker>().GetAsync(instance.DefaultAccount());
        var signed = $"jsapi_ticket={ticket}&noncestr=Wm3WZYTPz0wzccnW&timestamp={now.ToUnixTimeSeconds()}&url=http://portal.example/site/points?from=menu";
        Assert.Equal(PortalAppFactory.AppId, config.AppId);
        Assert.Equal(now.ToUnixTimeSeconds(), config.Timestamp);
        Assert.Equal("Wm3WZYTPz0wzccnW", config.NonceStr);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(signed))), config.Signature);
    }

    [Fact]
    public async Task Only_an_absolute_http_url_is_signed()
    {
        var config = Instance().GetRequiredService<JsSdkConfig>();

        await Assert.ThrowsAsync<ArgumentException>(() => config.ForPageAsync(Account, "/site/points"));
        await Assert.ThrowsAsync<ArgumentException>(() => config.ForPageAsync(Account, "javascript:alert(1)"));
    }
}
