using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Accounts;
using Portal.Core.Coordination;
using Portal.Core.Data;
using Portal.Core.Platform;
using Portal.Web.DataProtection;
using Portal.Web.Health;
using Portal.Web.Sandbox;

namespace Portal.Web.Hosting;

/// <summary>The host's own parts: the pages, the sandbox, and the shared state prepared before serving.</summary>
public static class PortalWebServices
{
    /// <summary>The built-in WeChat stand-in; refused outside Development-like environments' opt-in and always in Production.</summary>
    public static WebApplicationBuilder AddPortalSandbox(this WebApplicationBuilder builder)
    {
        var options = builder.Switch<SandboxOptions>(SandboxOptions.SectionName);
        if (options.Enabled && builder.Environment.IsProduction())
            throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions),
                ["Sandbox:Enabled is true in Production. The sandbox is a fake WeChat platform for development and tests; set Sandbox__Enabled=false and configure a real account."]);
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        builder.Services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        if (!options.Enabled)
            return builder;

        builder.Services.AddSingleton<IPostConfigureOptions<WeChatOptions>>(sp => new PostConfigureOptions<WeChatOptions>(
            Options.DefaultName,
            o =>
            {
                SandboxAccount.LoadOrCreate(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataFolder).ApplyTo(o);
                // Unless pointed elsewhere, the platform API is the sandbox's own, served by this app.
                if (o.ApiBaseUrl == new WeChatOptions().ApiBaseUrl)
                    o.ApiBaseUrl = new Uri(options.SelfUrl, SandboxPlatformEndpoints.Prefix.TrimStart('/'));
                // Likewise the OAuth authorize page, but at the public address (SelfUrl unless set), where
                // followers' browsers are: any instance forwards it to the one playing the platform, and the
                // phone's in-chat browser, a frame, can only show pages of the phone page's own address.
                if (o.OpenBaseUrl == new WeChatOptions().OpenBaseUrl)
                    o.OpenBaseUrl = new Uri(sp.GetRequiredService<IOptions<PublicAddressOptions>>().Value.BaseUrl, SandboxPlatformEndpoints.Prefix.TrimStart('/'));
                if (o.MpBaseUrl == new WeChatOptions().MpBaseUrl)
                    o.MpBaseUrl = new Uri(options.SelfUrl, SandboxPlatformEndpoints.Prefix.TrimStart('/'));
            }));
        builder.Services.AddSandboxForwarding();   // one process plays the platform; the others forward to it
        builder.Services.AddSingleton<SandboxState>();
        builder.Services.AddSingleton<SandboxTokens>();
        builder.Services.AddSingleton<SandboxFollowers>();
        builder.Services.AddSingleton<SandboxInbox>();
        builder.Services.AddSingleton<SandboxChats>();
        builder.Services.AddSingleton<SandboxPushes>();
        builder.Services.AddHttpClient(SandboxWebhookClient.ClientName);
        builder.Services.AddSingleton<SandboxWebhookClient>();
        builder.Services.AddSingleton<SandboxPhone>();
        builder.Services.AddSingleton<SandboxDemo>();
        builder.Services.AddSingleton<SandboxSms>();
        // The sandbox account has the templates membership messages need.
        builder.Services.PostConfigure<Portal.Core.Members.MembershipOptions>(o =>
        {
            if (o.PointsChangedTemplateId.Length == 0)
                o.PointsChangedTemplateId = SandboxTemplates.PointsChanged;
            if (o.CouponExpiringTemplateId.Length == 0)
                o.CouponExpiringTemplateId = SandboxTemplates.CouponExpiring;
        });
        if (!builder.Switch<Portal.Core.Members.TencentCloudSmsOptions>(Portal.Core.Members.TencentCloudSmsOptions.SectionName).Configured)
            builder.Services.Replace(ServiceDescriptor.Singleton<Portal.Core.Members.ISmsSender>(sp => sp.GetRequiredService<SandboxSms>()));
        builder.Services.AddSingleton(SandboxDemo.SlowButtonRoute);
        builder.Services.AddSingleton<SandboxFaults>();
        builder.Services.AddSingleton<SandboxTickets>();
        builder.Services.AddSingleton<SandboxTemplates>();
        builder.Services.AddSingleton<SandboxOAuth>();
        builder.Services.AddSingleton<SandboxQuotas>();
        builder.Services.AddSingleton<SandboxMenus>();
        builder.Services.AddSingleton<SandboxTags>();
        builder.Services.AddSingleton<SandboxQrCodes>();
        return builder;
    }

    /// <summary>Server-rendered pages. The sandbox's folder has no routes at all when the sandbox is off.</summary>
    public static WebApplicationBuilder AddPortalPages(this WebApplicationBuilder builder)
    {
        // Outside Development an unpublished app (dotnet run, the tests) would otherwise serve empty static
        // files; a published app has no development manifest, and this changes nothing there.
        builder.WebHost.UseStaticWebAssets();
        // Pages are mostly Chinese: written as characters, not as &#x...; entities three times their size.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        var sandbox = builder.Switch<SandboxOptions>(SandboxOptions.SectionName);
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new UnknownHandlers());
            if (!sandbox.Enabled)
                o.Conventions.AddFolderRouteModelConvention("/Sandbox", model => model.Selectors.Clear());
        });
        return builder;
    }

    /// <summary>Fingerprinted, compressed static files and the Razor pages.</summary>
    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>The sandbox's platform endpoints, when the sandbox is on.</summary>
    public static WebApplication MapPortalSandbox(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled)
        {
            app.UseSandboxForwarding();
            app.UseSandboxFaults();
            app.MapSandboxPlatform();
            app.MapSandboxPhone();
            app.MapSandboxTickets();
            app.MapSandboxTemplates();
            app.MapSandboxOAuth();
            app.MapSandboxMenus();
            app.MapSandboxUsers();
            app.MapSandboxTags();
            app.MapSandboxQrCodes();
            app.MapSandboxSms();
        }
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
        if (app.Services.GetService<SandboxDemo>() is { } demo)
            await demo.SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
