using Portal.Core;
using Portal.Core.Accounts;
using Portal.Core.Coordination;
using Portal.Core.Data;
using Portal.Web.DataProtection;
using Portal.Web.Health;

namespace Portal.Web.Hosting;

/// <summary>The host's own parts: the pages, the sandbox, and the shared state prepared before serving.</summary>
public static class PortalWebServices
{
    /// <summary>Server-rendered pages (the sandbox's among them, from its own project, present only when it is on).</summary>
    public static WebApplicationBuilder AddPortalPages(this WebApplicationBuilder builder)
    {
        // Outside Development an unpublished app (dotnet run, the tests) would otherwise serve empty static
        // files; a published app has no development manifest, and this changes nothing there.
        builder.WebHost.UseStaticWebAssets();
        // Pages are mostly Chinese: written as characters, not as &#x...; entities three times their size.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new UnknownHandlers()));
        return builder;
    }

    /// <summary>Fingerprinted, compressed static files and the Razor pages.</summary>
    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>Applies the numbered migrations, connects to Redis and readies the cookie keys before the first request is served.</summary>
    public static async Task PrepareSharedStateAsync(this WebApplication app)
    {
        app.ValidateSettings();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(app.Lifetime.ApplicationStopping);
        await app.Services.GetRequiredService<AccountDirectory>().LoadAsync(app.Lifetime.ApplicationStopping);   // ids for the configured accounts
        if (app.Services.GetService<RedisConnection>() is { } redis)
            await redis.ConnectAsync();
        await app.PrepareKeyRingAsync();   // after Redis: an old ring kept there is moved into the database
        if (app.Services.GetService<SandboxStarterKit>() is { } starter)
            await starter.SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
