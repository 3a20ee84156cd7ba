using Microsoft.Extensions.DependencyInjection;
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

namespace Portal.Tests.Followers;

/// <summary>A sandbox account with thousands of followers, a few tagged, and ways to wait on a sync.</summary>
internal static class SyncWorld
{
    public const int PageSize = 1000;

    public static PortalAppFactory App(PostgresTestDatabase? database = null, TimeProvider? clock = null)
    {
        var app = new PortalAppFactory();
        app.Settings["Sandbox:UserListPageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (database is not null)
        {
            app.Settings["Database:Provider"] = "PostgreSql";
            app.Settings["ConnectionStrings:Portal"] = database.ConnectionString;
        }
        if (clock is not null)
            app.WithClock(clock);
        return app;
    }

    /// <summary>3000 followers; the first 30 carry "VIP", every 100th also "Wholesale".</summary>
    public static (IReadOnlyList<string> OpenIds, int Vip, int Wholesale) Seed(PortalAppFactory app, IReadOnlyList<string>? openIds = null) =>
        Seed(app.Services.GetRequiredService<SandboxFollowers>(), app.Services.GetRequiredService<SandboxTags>(), openIds);

    /// <summary>
    /// Seeds a sandbox platform that is not running yet, for an app that must find its followers there
    /// from its first moment (its outbox worker starts with the app).
    /// </summary>
    public static (IReadOnlyList<string> OpenIds, int Vip, int Wholesale) Seed(SandboxFollowers followers, SandboxTags tags, IReadOnlyList<string>? openIds = null)
    {
        IReadOnlyList<string> ids;
        if (openIds is null)
        {
            ids = followers.Seed(3000).Select(f => f.OpenId).ToList();
        }
        else
        {
            // The same people in the same order, as the platform would list them to another instance.
            foreach (var id in openIds)
                followers.Follow(followers.Create("again", id), qrScene: null);
            ids = openIds;
        }
        var vip = tags.Create("VIP").Tag!.Id;
        var wholesale = tags.Create("Wholesale").Tag!.Id;
        Assert.Equal(0, tags.Tag(vip, ids.Take(30).ToList()));
        Assert.Equal(0, tags.Tag(wholesale, ids.Where((_, i) => i % 100 == 0).ToList()));
        return (ids, vip, wholesale);
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var value = await Eventually.ReadAsync(read, done, deadline: TimeSpan.FromMinutes(2));
        return done(value) ? value : throw new TimeoutException($"Still waiting for {what}; last seen: {value}");
    }
}

/// <summary>The app's clock moved on by a fixed amount: "the next day", with timers still running in real time.</summary>
internal sealed class ShiftedClock(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
}
