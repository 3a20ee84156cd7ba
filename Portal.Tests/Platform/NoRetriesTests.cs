using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary><c>WeChat:ApiRetries=0</c> is a valid setting: calls go out once instead of failing to build the pipeline.</summary>
public sealed class NoRetriesTests : IClassFixture<NoRetriesTests.NoRetriesApp>
{
    public sealed class NoRetriesApp : PortalAppFactory
    {
        public NoRetriesApp() => Settings["WeChat:ApiRetries"] = "0";
    }

    private readonly NoRetriesApp _app;

    public NoRetriesTests(NoRetriesApp app) => _app = app;

    [Fact]
    public async Task A_platform_call_works_with_retries_turned_off()
    {
        var ips = await _app.Services.GetRequiredService<AccessTokenBroker>().CallAsync(_app.Services.DefaultAccount(), 
            (token, ct) => _app.Services.GetRequiredService<BasicClient>().GetApiDomainIpAsync(token, ct));

        Assert.NotEmpty(ips);
    }
}
