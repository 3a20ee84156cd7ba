using System.Net;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>Five wrong passwords lock an operator out for fifteen minutes, whatever they type meanwhile.</summary>
public sealed class LockoutTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PortalAppFactory _app;

    public LockoutTests() => _app = new PortalAppFactory().WithClock(_clock);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_the_lockout_passes()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "carol", OperatorRole.Editor);
        using var browser = new AdminBrowser(_app);

        for (var i = 1; i <= OperatorLockout.MaxFailedAttempts; i++)
        {
            using var wrong = await browser.SignInAsync("carol", "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var page = await wrong.Content.ReadAsStringAsync();
            Assert.Contains(i < OperatorLockout.MaxFailedAttempts ? "do not match" : "locked until", page);
        }

        using (var right = await browser.SignInAsync("carol", AdminBrowser.Password))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Contains("locked until", await right.Content.ReadAsStringAsync());
        }

        _clock.Advance(OperatorLockout.Duration - TimeSpan.FromSeconds(1));
        using (var stillLocked = await browser.SignInAsync("CAROL", AdminBrowser.Password))
            Assert.Contains("locked until", await stillLocked.Content.ReadAsStringAsync());

        _clock.Advance(TimeSpan.FromSeconds(2));
        using (var unlocked = await browser.SignInAsync("Carol", AdminBrowser.Password))
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Contains("carol", await browser.GetPageAsync("/admin"));

        var trail = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Portal.Core.Audit.AuditLog>(_app.Services).ListAsync(new Portal.Core.Audit.AuditQuery { EntityType = "operator" });
        Assert.Equal(["sign in", "locked out"], trail.Where(e => e.OperatorName == "carol").Select(e => e.Action));
    }

    [Fact]
    public async Task A_right_password_before_the_fifth_attempt_starts_the_count_again()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "dave", OperatorRole.Viewer);
        using var browser = new AdminBrowser(_app);
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts - 1; i++)
            (await browser.SignInAsync("dave", "nope")).Dispose();
        (await browser.SignInAsync("dave", AdminBrowser.Password)).Dispose();

        using var other = new AdminBrowser(_app);
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts - 1; i++)
            (await other.SignInAsync("dave", "nope")).Dispose();
        using var right = await other.SignInAsync("dave", AdminBrowser.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_read_the_same()
    {
        await AdminBrowser.CreateOperatorAsync(_app, "erin", OperatorRole.Viewer);
        using var browser = new AdminBrowser(_app);
        using var unknown = await browser.SignInAsync("nobody", "whatever password");
        using var wrong = await browser.SignInAsync("erin", "whatever password");
        Assert.Contains("do not match", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("do not match", await wrong.Content.ReadAsStringAsync());
    }

    public void Dispose() => _app.Dispose();
}
