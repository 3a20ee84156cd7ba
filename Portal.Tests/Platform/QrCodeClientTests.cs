using Microsoft.Extensions.Time.Testing;
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

/// <summary>
/// The QR-code client against the sandbox platform over HTTP, on a clock the test moves, so expiry can be
/// seen without waiting. The clock moves by minutes, not days: the app's one-second timers fire for every
/// second a fake clock passes.
/// </summary>
public sealed class QrCodeClientTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly PortalAppFactory _app = new();

    public QrCodeClientTests() => _app.WithClock(_time);

    public void Dispose() => _app.Dispose();

    private QrCodeClient Codes => _app.Client<QrCodeClient>();
    private SandboxQrCodes Sandbox => _app.Client<SandboxQrCodes>();

    [Fact]
    public async Task A_temporary_numeric_code_carries_its_scene_and_expires()
    {
        var ticket = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, QrCodeRequest.Temporary(123, TimeSpan.FromHours(1)), ct));

        Assert.Equal(3600, ticket.ExpireSeconds);
        var issued = Sandbox.Find(ticket.Ticket)!;
        Assert.Equal("123", issued.Scene);
        Assert.True(issued.IsNumeric);
        Assert.Equal(_time.GetUtcNow().AddHours(1), issued.ExpiresAt);
        Assert.Contains(issued, Sandbox.All());

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(Sandbox.IsExpired(issued));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Sandbox.IsExpired(issued));
        using var expiredImage = await _app.CreateClient().GetAsync(Codes.ImageUrl(ticket.Ticket).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, expiredImage.StatusCode);
    }

    [Fact]
    public async Task A_temporary_string_code_is_capped_at_30_days_by_the_platform()
    {
        var ticket = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, QrCodeRequest.Temporary("campaign-双十一", TimeSpan.FromDays(30)), ct));

        Assert.Equal(2_592_000, ticket.ExpireSeconds);
        Assert.Equal("campaign-双十一", Sandbox.Find(ticket.Ticket)!.Scene);

        // A request built past the client's checks, as another system might send it.
        var tooLong = QrCodeRequest.Temporary(7, TimeSpan.FromDays(1)) with { ExpireSeconds = 9_999_999 };
        var capped = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, tooLong, ct));
        Assert.Equal(2_592_000, capped.ExpireSeconds);
    }

    [Fact]
    public async Task Permanent_codes_never_expire_and_the_same_scene_is_the_same_code()
    {
        var numeric = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, QrCodeRequest.Permanent(100_000), ct));
        var text = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, QrCodeRequest.Permanent("store-042"), ct));
        var again = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, QrCodeRequest.Permanent("store-042"), ct));

        Assert.Null(numeric.ExpireSeconds);
        Assert.Equal(text.Ticket, again.Ticket);
        Assert.True(Sandbox.Find(numeric.Ticket)!.IsPermanent);
        Assert.Equal("store-042", Sandbox.Find(text.Ticket)!.Scene);
        Assert.Null(Sandbox.Find(text.Ticket)!.ExpiresAt);
    }

    [Fact]
    public async Task The_image_url_escapes_the_ticket_and_shows_the_scene()
    {
        var ticket = await _app.CallAsync((t, ct) => Codes.CreateAsync(t, QrCodeRequest.Permanent(42), ct));

        var url = Codes.ImageUrl(ticket.Ticket);
        using var image = await _app.CreateClient().GetAsync(url.PathAndQuery);

        Assert.Equal("/sandbox/cgi-bin/showqrcode", url.AbsolutePath);
        Assert.Equal("?ticket=" + Uri.EscapeDataString(ticket.Ticket), url.Query);
        image.EnsureSuccessStatusCode();
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType!.MediaType);
        Assert.Contains("scene 42 (permanent)", await image.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scenes_outside_the_platforms_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCodeRequest.Permanent(100_001));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCodeRequest.Permanent(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCodeRequest.Permanent(new string('s', 65)));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCodeRequest.Temporary(1, TimeSpan.FromDays(31)));

        var pastTheClient = QrCodeRequest.Permanent(1) with { ActionInfo = new() { Scene = new() { SceneId = 100_001 } } };
        Assert.Equal(47001, await _app.RefusalAsync((t, ct) => Codes.CreateAsync(t, pastTheClient, ct)));
        var noScene = QrCodeRequest.Permanent("x") with { ActionInfo = new() };
        Assert.Equal(47001, await _app.RefusalAsync((t, ct) => Codes.CreateAsync(t, noScene, ct)));
    }
}
