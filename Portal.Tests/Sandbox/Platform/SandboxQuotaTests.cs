using Microsoft.Extensions.Time.Testing;
using Portal.Core.Menus;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Tests.Platform;

namespace Portal.Tests.Sandbox.Platform;

/// <summary>The sandbox's daily call quotas, lowered for the test through configuration.</summary>
public sealed class SandboxQuotaTests : IDisposable
{
    // 15:00 UTC is 23:00 in China, where the platform's day turns.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
    private readonly PortalAppFactory _app = new();

    public SandboxQuotaTests()
    {
        _app.Settings["Sandbox:DailyQuotas:menu/get"] = "2";
        _app.WithClock(_time);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Past_its_quota_an_endpoint_answers_45009_until_the_next_day_in_China()
    {
        var menus = _app.Client<MenuClient>();
        await _app.CallAsync((t, ct) => menus.CreateAsync(t, new Menu(MenuButton.Click("默认", "default")), ct));
        await _app.CallAsync((t, ct) => menus.GetAsync(t, ct));
        await _app.CallAsync((t, ct) => menus.GetAsync(t, ct));

        var refused = await Assert.ThrowsAsync<WeChatApiException>(() => _app.CallAsync((t, ct) => menus.GetAsync(t, ct)));

        Assert.Equal(WeChatErrorCodes.DailyQuotaReached, refused.ErrorCode);
        Assert.False(refused.IsTokenInvalid);
        await _app.CallAsync((t, ct) => menus.CreateAsync(t, new Menu(MenuButton.Click("默认", "default")), ct)); // other endpoints keep their own count

        _time.Advance(TimeSpan.FromHours(1)); // midnight in China
        var published = await _app.CallAsync((t, ct) => menus.GetAsync(t, ct));
        Assert.NotNull(published.Default);
    }
}
