using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Operators;

namespace Portal.Tests.Operators;

/// <summary>
/// Sign-in throttling over HTTP: unknown names, wrong passwords and throttled attempts answer alike, and
/// guesses are counted per name and source address, so an attacker locks out only their own address.
/// </summary>
public sealed partial class LockoutTests : IDisposable
{
    private const string Attacker = "198.51.100.66", Office = "203.0.113.10", Proxy = "192.0.2.1";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PortalAppFactory _app;

    public LockoutTests()
    {
        _app = new PortalAppFactory().WithClock(_clock).WithPeerAddresses();
        _app.Settings["Portal:KnownProxies:0"] = Proxy;
    }

    private async Task<HttpStatusCode> TryAsync(AdminBrowser browser, string name, string password)
    {
        using var response = await browser.SignInAsync(name, password);
        return response.StatusCode;
    }

    [Fact]
    public async Task Unknown_names_wrong_passwords_and_throttled_attempts_answer_alike()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "erin", OperatorRole.Viewer);
        using var stranger = new AdminBrowser(_app, "198.51.100.1");
        using var typo = new AdminBrowser(_app, "198.51.100.2");
        using var guesser = new AdminBrowser(_app, "198.51.100.3");

        using var unknown = await stranger.SignInAsync("nobo", "whatever password");
        using var wrong = await typo.SignInAsync("erin", "whatever password");
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts; i++)
            await TryAsync(guesser, "erin", "guess " + i);
        using var throttled = await guesser.SignInAsync("erin", AdminBrowser.Password);

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
        var page = Comparable(await unknown.Content.ReadAsStringAsync(), "nobo");
        Assert.Contains(OperatorAccounts.Refusal, page);
        Assert.Equal(page, Comparable(await wrong.Content.ReadAsStringAsync(), "erin"));
        Assert.Equal(page, Comparable(await throttled.Content.ReadAsStringAsync(), "erin"));
    }

    // What differs between two answers on purpose: the antiforgery token, and the name the person typed.
    private static string Comparable(string html, string typedName) =>
        TokenPattern().Replace(html, "token").Replace($"value=\"{typedName}\"", "value=\"typed\"", StringComparison.Ordinal);

    [GeneratedRegex("value=\"CfDJ8[^\"]+\"")]
    private static partial Regex TokenPattern();

    [Fact]
    public async Task Guesses_from_one_address_lock_out_that_address_only_and_the_operator_signs_in_from_their_own()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "carol", OperatorRole.Editor);
        using var attacker = new AdminBrowser(_app, Attacker);
        for (var i = 1; i <= OperatorLockout.MaxFailedAttempts; i++)
            Assert.Equal(HttpStatusCode.OK, await TryAsync(attacker, "carol", "wrong password " + i));
        // Past the limit even the right password is not checked from there.
        Assert.Equal(HttpStatusCode.OK, await TryAsync(attacker, "CAROL", AdminBrowser.Password));

        using var carol = new AdminBrowser(_app, Office);
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(carol, "carol", AdminBrowser.Password));
        Assert.Contains("carol", await carol.GetPageAsync("/admin"));

        _clock.Advance(OperatorLockout.Duration - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await TryAsync(attacker, "Carol", AdminBrowser.Password));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(attacker, "Carol", AdminBrowser.Password));

        // Owners see that someone guessed, and from where.
        var trail = await _app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "operator" });
        var lockedOut = Assert.Single(trail, e => e.OperatorName == "carol" && e.Action == "locked out");
        Assert.Contains(Attacker, lockedOut.AfterJson);
    }

    [Fact]
    public async Task One_address_trying_many_names_is_stopped_there()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "dave", OperatorRole.Viewer);
        using var attacker = new AdminBrowser(_app, Attacker);
        for (var i = 0; i < SignInThrottle.PerAddress; i++)
            await TryAsync(attacker, $"name{i}", "password123");

        Assert.Equal(HttpStatusCode.OK, await TryAsync(attacker, "dave", AdminBrowser.Password));
        using var dave = new AdminBrowser(_app, Office);
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(dave, "dave", AdminBrowser.Password));
    }

    [Fact]
    public async Task A_right_password_before_the_limit_starts_the_count_again()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "dora", OperatorRole.Viewer);
        using var browser = new AdminBrowser(_app, Office);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < OperatorLockout.MaxFailedAttempts - 1; i++)
                await TryAsync(browser, "dora", "nope");
            Assert.Equal(HttpStatusCode.Redirect, await TryAsync(browser, "dora", AdminBrowser.Password));
        }
    }

    [Fact]
    public async Task Forwarded_for_counts_only_from_a_listed_proxy()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "fay", OperatorRole.Viewer);

        // Not a listed proxy: a new X-Forwarded-For on every guess buys no fresh start.
        using var direct = new AdminBrowser(_app, Attacker);
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts; i++)
        {
            direct.Headers.Remove("X-Forwarded-For");
            direct.Headers.Add("X-Forwarded-For", $"10.9.8.{i}");
            await TryAsync(direct, "fay", "guess " + i);
        }
        direct.Headers.Remove("X-Forwarded-For");
        direct.Headers.Add("X-Forwarded-For", "10.9.8.200");
        Assert.Equal(HttpStatusCode.OK, await TryAsync(direct, "fay", AdminBrowser.Password));

        // Through the listed proxy the client's address counts: the guesser behind it is stopped, and gus
        // behind the same proxy, from his own address, signs in. (Another name: a name guessed more than
        // PerNameBeforeSlowing times is slowed, and this test's clock does not move.)
        await AdminBrowser.CreateOperatorAsync(_app, "gus", OperatorRole.Viewer);
        using var viaProxy = new AdminBrowser(_app, Proxy);
        viaProxy.Headers.Add("X-Forwarded-For", "198.51.100.99");
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts; i++)
            await TryAsync(viaProxy, "gus", "guess " + i);
        Assert.Equal(HttpStatusCode.OK, await TryAsync(viaProxy, "gus", AdminBrowser.Password));
        using var gus = new AdminBrowser(_app, Proxy);
        gus.Headers.Add("X-Forwarded-For", Office);
        Assert.Equal(HttpStatusCode.Redirect, await TryAsync(gus, "gus", AdminBrowser.Password));
    }

    [Fact]
    public async Task A_name_guessed_from_many_addresses_is_slowed_and_its_operator_still_signs_in()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "hank", OperatorRole.Viewer);
        for (var i = 0; i < SignInThrottle.PerNameBeforeSlowing + 2; i++)
        {
            using var bot = new AdminBrowser(_app, $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.OK, await WhileTheClockRunsAsync(TryAsync(bot, "hank", "guess " + i)));
        }

        // Slowed (SignInThrottleTests measures by how much), not refused.
        using var hank = new AdminBrowser(_app, Office);
        Assert.Equal(HttpStatusCode.Redirect, await WhileTheClockRunsAsync(TryAsync(hank, "hank", AdminBrowser.Password)));
    }

    // Moves the test clock a second at a time until the request answers, so a slowed answer can arrive.
    private async Task<T> WhileTheClockRunsAsync<T>(Task<T> request)
    {
        while (await Task.WhenAny(request, Task.Delay(20)) != request)
            _clock.Advance(TimeSpan.FromSeconds(1));
        return await request;
    }

    public void Dispose() => _app.Dispose();
}
