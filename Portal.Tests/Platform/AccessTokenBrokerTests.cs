using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Dev;
using Portal.Tests.Sandbox;
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

/// <summary>
/// Several Portal instances (separate service providers sharing one real Redis) get their access token
/// from the sandbox platform over HTTP. The platform must see one refresh however many ask at once.
/// </summary>
public sealed class AccessTokenBrokerTests : IAsyncLifetime
{
    private readonly PortalAppFactory _platform = new();
    private readonly string _prefix = TestServers.UniqueName("broker") + ":";
    private readonly List<ServiceProvider> _instances = [];

    // The platform's clock: its tokens age when the test says so. Portal's instances keep the real clock, since
    // they wait for one another's refresh lease in real time, and the store's lifetimes run on Redis's clock.
    private readonly FakeTimeProvider _platformTime = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync()
    {
        _platform.Settings["Sandbox:Enabled"] = "true";
        _platform.Settings["Sandbox:TokenLifetime"] = "00:00:20";
        _platform.WithClock(_platformTime);
        _ = _platform.Server; // start it
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
            await instance.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private static readonly Portal.Core.Accounts.WeChatAccount Account = new() { Id = 1, AppId = PortalAppFactory.AppId, Name = "Test", AppSecret = "test-app-secret", Token = PortalAppFactory.Token };

    private SandboxTokens Sandbox => _platform.Services.GetRequiredService<SandboxTokens>();

    private ServiceProvider Instance()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:AppId"] = PortalAppFactory.AppId,
            ["WeChat:AppSecret"] = "test-app-secret",
            ["WeChat:Token"] = PortalAppFactory.Token,
            ["WeChat:ApiBaseUrl"] = "http://localhost/sandbox/",
            ["WeChat:TokenRefreshMargin"] = "00:00:10", // tokens last 20 s: replace them after 10
            // On a machine busy with other tests an attempt can be slow; a timeout retried would count as a
            // second refresh, which is not what these tests are about.
            ["WeChat:ApiAttemptTimeout"] = "00:00:30",
            ["WeChat:ApiTotalTimeout"] = "00:00:35",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Redis:KeyPrefix"] = _prefix,
            ["Database:DataFolder"] = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("broker")),
        }).Build();
        var services = CoreOnly.PlatformServices(config);
        services.AddHttpClient(PlatformHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => _platform.Server.CreateHandler());
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    private async Task<string[]> AllAskAtOnceAsync(IEnumerable<ServiceProvider> instances)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asks = instances.SelectMany(i => Enumerable.Range(0, 5).Select(async _ =>
        {
            await start.Task;
            return await i.GetRequiredService<AccessTokenBroker>().GetAsync(i.DefaultAccount());
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(asks);
    }

    [Fact]
    public async Task Instances_asking_together_cause_one_refresh_before_and_after_expiry()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Instance()).ToArray();

        var first = await AllAskAtOnceAsync(instances);
        Assert.Single(first.Distinct());
        Assert.Equal(1, Sandbox.Requests);

        // The token lasts 20 s and the refresh margin is 10 s: the store keeps it for the first 10 s of its life.
        // Redis counts that lifetime down on its own clock; the contract tests check that it lets an entry go then.
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.RedisConfiguration))
        {
            var stored = _prefix + "token:" + PortalAppFactory.AppId;
            var kept = await redis.GetDatabase().KeyTimeToLiveAsync(stored);
            Assert.InRange(kept!.Value, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

            // 15.5 s later: the stored token has lapsed (deleted here as its lifetime would, without waiting for it),
            // and on the platform the token is in its last quarter, where the platform mints a new one.
            Assert.True(await redis.GetDatabase().KeyDeleteAsync(stored));
        }
        _platformTime.Advance(TimeSpan.FromSeconds(15.5));

        var second = await AllAskAtOnceAsync(instances);
        Assert.Single(second.Distinct());
        Assert.NotEqual(first[0], second[0]);
        Assert.Equal(2, Sandbox.Requests);

        // The stored token works on the platform.
        var ips = await instances[0].GetRequiredService<BasicClient>().GetApiDomainIpAsync(second[0]);
        Assert.NotEmpty(ips);
    }

    [Fact]
    public async Task A_token_the_platform_refuses_is_replaced_once_and_the_call_retried()
    {
        var instance = Instance();
        var broker = instance.GetRequiredService<AccessTokenBroker>();
        var basic = instance.GetRequiredService<BasicClient>();
        var before = await broker.GetAsync(instance.DefaultAccount());
        await new SandboxDev(_platform).RevokeTokensAsync(); // as when something else holding the AppSecret forced a refresh
        var asked = Sandbox.Requests;

        var ips = await broker.CallAsync(instance.DefaultAccount(), (token, ct) => basic.GetApiDomainIpAsync(token, ct));

        Assert.NotEmpty(ips);
        Assert.Equal(asked + 1, Sandbox.Requests);
        var after = await broker.GetAsync(instance.DefaultAccount());
        Assert.NotEqual(before, after);
        Assert.Equal(asked + 1, Sandbox.Requests); // the new token is shared from the store, not fetched again
    }

    [Fact]
    public async Task A_business_error_is_not_retried()
    {
        var instance = Instance();
        var broker = instance.GetRequiredService<AccessTokenBroker>();
        var calls = 0;

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => broker.CallAsync<int>(instance.DefaultAccount(), (_, _) =>
        {
            calls++;
            throw new WeChatApiException("cgi-bin/message/custom/send", WeChatErrorCodes.ReplyWindowClosed, "response out of time limit");
        }));

        Assert.Equal(1, calls);
        Assert.Equal(WeChatErrorCodes.ReplyWindowClosed, error.ErrorCode);
    }
}

public sealed class TokenLifetimeTests
{
    private static AccessTokenBroker Broker() =>
        CoreOnly.PlatformServices(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WeChat:AppId"] = PortalAppFactory.AppId,
                ["WeChat:Token"] = PortalAppFactory.Token,
            }).Build())
            .BuildServiceProvider().GetRequiredService<AccessTokenBroker>();

    [Theory]
    [InlineData(7200, 6600)] // a fresh token is used until ten minutes before it expires
    [InlineData(900, 450)]   // a token handed back with little life left is kept for half of it, not re-asked at once
    [InlineData(1, 1)]
    public void A_token_is_kept_until_well_before_it_expires(int remainingSeconds, int keptSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(keptSeconds), Broker().KeepFor(new Portal.Core.Accounts.WeChatAccount { Id = 1, AppId = PortalAppFactory.AppId, Name = "Test", Token = PortalAppFactory.Token }, TimeSpan.FromSeconds(remainingSeconds)));
}
