using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
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
/// The platform client's resilience pipeline against the sandbox platform made faulty on purpose, through
/// the test factory's in-memory handler (which the pipeline must wrap, not replace).
/// </summary>
public sealed class PlatformResilienceTests : IClassFixture<PlatformResilienceTests.FastRetryApp>
{
    public sealed class FastRetryApp : PortalAppFactory
    {
        public FastRetryApp() => Settings["WeChat:ApiRetryDelay"] = "00:00:00.02";
    }

    private readonly FastRetryApp _app;

    public PlatformResilienceTests(FastRetryApp app) => _app = app;

    private SandboxDev Dev => new(_app);

    private Task<IReadOnlyList<string>> GetIpsAsync() =>
        _app.Services.GetRequiredService<AccessTokenBroker>().CallAsync(_app.Services.DefaultAccount(), (token, ct) => _app.Services.GetRequiredService<BasicClient>().GetApiDomainIpAsync(token, ct));

    [Theory]
    [InlineData(SandboxFault.Busy, 1)]
    [InlineData(SandboxFault.Busy, 3)]
    [InlineData(SandboxFault.Unavailable, 2)]
    public async Task A_transiently_failing_idempotent_call_is_retried_until_it_succeeds(SandboxFault fault, int failures)
    {
        await _app.Services.GetRequiredService<AccessTokenBroker>().GetAsync(_app.Services.DefaultAccount()); // the token is not what this test counts
        var before = await Dev.SeenAsync("cgi-bin/get_api_domain_ip");
        await Dev.FailNextAsync("cgi-bin/get_api_domain_ip", failures, fault);

        var ips = await GetIpsAsync();

        Assert.NotEmpty(ips);
        Assert.Equal(before + failures + 1, await Dev.SeenAsync("cgi-bin/get_api_domain_ip"));
    }

    [Fact]
    public async Task A_token_request_the_gateway_refused_is_sent_again_with_its_body()
    {
        var instance = _app.Services.GetRequiredService<TokenClient>();
        var before = await Dev.SeenAsync("cgi-bin/stable_token");
        await Dev.FailNextAsync("cgi-bin/stable_token", 1, SandboxFault.Unavailable);

        var token = await instance.StableTokenAsync(_app.Services.DefaultAccount());

        Assert.NotEmpty(token.Value);
        Assert.Equal(before + 2, await Dev.SeenAsync("cgi-bin/stable_token"));
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_and_the_busy_answer_surfaces()
    {
        await _app.Services.GetRequiredService<AccessTokenBroker>().GetAsync(_app.Services.DefaultAccount());
        var before = await Dev.SeenAsync("cgi-bin/get_api_domain_ip");
        await Dev.FailNextAsync("cgi-bin/get_api_domain_ip", 10, SandboxFault.Busy);

        var error = await Assert.ThrowsAsync<WeChatApiException>(GetIpsAsync);

        Assert.Equal(WeChatErrorCodes.SystemBusy, error.ErrorCode);
        Assert.Equal(before + 1 + new WeChatOptions().ApiRetries, await Dev.SeenAsync("cgi-bin/get_api_domain_ip"));
        await Dev.FailNextAsync("cgi-bin/get_api_domain_ip", 0, SandboxFault.Busy);
    }

    [Fact]
    public async Task A_business_error_is_seen_once()
    {
        var before = await Dev.SeenAsync("sns/oauth2/access_token");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => _app.Services.GetRequiredService<OAuthClient>().ExchangeCodeAsync(_app.Services.DefaultAccount(), "no-such-code"));

        Assert.Equal(WeChatErrorCodes.InvalidOAuthCode, error.ErrorCode);
        Assert.Equal(before + 1, await Dev.SeenAsync("sns/oauth2/access_token"));
    }

    [Fact]
    public async Task A_message_to_a_follower_is_sent_once_and_left_to_the_outbox_to_retry()
    {
        var openId = _app.FollowerWhoJustWrote();
        var token = await _app.Services.GetRequiredService<AccessTokenBroker>().GetAsync(_app.Services.DefaultAccount());
        var before = await Dev.SeenAsync("cgi-bin/message/template/send");
        await Dev.FailNextAsync("cgi-bin/message/template/send", 1, SandboxFault.Busy);
        var message = new TemplateMessage
        {
            ToUser = openId,
            TemplateId = SandboxTemplates.PointsChanged,
            Data = new Dictionary<string, TemplateValue> { ["keyword1"] = new("+20") },
        };

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => _app.Services.GetRequiredService<TemplateClient>().SendAsync(token, message));

        Assert.True(error.IsTransient);
        Assert.Equal(before + 1, await Dev.SeenAsync("cgi-bin/message/template/send"));
        Assert.Empty(_app.Services.GetRequiredService<SandboxInbox>().For(openId));
    }
}
