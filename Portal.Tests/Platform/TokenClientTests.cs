using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>The two token endpoints against the sandbox platform, with the platform's rules for each.</summary>
public sealed class TokenClientTests
{
    [Fact]
    public async Task Stable_tokens_are_the_same_until_forced_and_classic_tokens_replace_the_one_before_after_five_minutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PortalAppFactory().WithClock(clock);
        var tokens = app.Services.GetRequiredService<TokenClient>();
        var basic = app.Services.GetRequiredService<BasicClient>();

        var stable = await tokens.StableTokenAsync(app.Services.DefaultAccount());
        Assert.Equal(stable.Value, (await tokens.StableTokenAsync(app.Services.DefaultAccount())).Value);

        var classic = await tokens.TokenAsync(app.Services.DefaultAccount());
        Assert.NotEqual(stable.Value, classic.Value);
        Assert.NotEmpty(await basic.GetApiDomainIpAsync(classic.Value));
        Assert.NotEmpty(await basic.GetApiDomainIpAsync(stable.Value)); // still good for five minutes

        clock.Advance(TimeSpan.FromMinutes(6));
        var refused = await Assert.ThrowsAsync<WeChatApiException>(() => basic.GetApiDomainIpAsync(stable.Value));
        Assert.True(refused.IsTokenInvalid);
        Assert.NotEmpty(await basic.GetApiDomainIpAsync(classic.Value));
    }
}
