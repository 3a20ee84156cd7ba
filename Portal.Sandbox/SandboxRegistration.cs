using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Dev;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Phone;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Sandbox;

/// <summary>
/// The sandbox's registration, in one place: <see cref="AddSandbox"/> for its services and
/// <see cref="MapSandbox"/> for its middleware and endpoints, both doing nothing when <c>Sandbox:Enabled</c>
/// is off. It is refused in Production.
/// </summary>
public static class SandboxRegistration
{
    /// <summary>Registers the sandbox when it is on; throws <see cref="OptionsValidationException"/> when it is on in Production.</summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions();
        if (options.Enabled && builder.Environment.IsProduction())
            throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions),
                ["Sandbox:Enabled is true in Production. The sandbox is a fake WeChat platform for development and tests; set Sandbox__Enabled=false and configure a real account."]);
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName))
            .PostConfigure(o =>
            {
                // Portal's webhook path, read from its configuration key (Messaging:Path) rather than its classes.
                if (configuration["Messaging:Path"] is { Length: > 0 } path)
                    o.WebhookPath = path;
                // The host usually sets the folder (Portal's data folder); alone, the sandbox keeps to App_Data.
                o.DataFolder = Path.GetFullPath(o.DataFolder.Length > 0 ? o.DataFolder : "App_Data", contentRoot);
            })
            .ValidateOnStart();
        // The sandbox's folder has no routes at all when the sandbox is off.
        // Off, the sandbox's pages are not part of the app at all: no route, no page model to make.
        if (!options.Enabled)
        {
            services.AddRazorPages().ConfigureApplicationPartManager(parts =>
            {
                foreach (var part in parts.ApplicationParts.Where(p => p.Name == typeof(SandboxRegistration).Assembly.GetName().Name).ToList())
                    parts.ApplicationParts.Remove(part);
            });
        }
        if (!options.Enabled)
            return builder;

        services.AddSandboxForwarding();   // one process plays the platform; the others forward to it
        services.AddSingleton<SandboxAccounts>();
        services.AddSingleton<SandboxState>();
        services.AddSingleton<SandboxTokens>();
        services.AddSingleton<SandboxOAuth>();
        services.AddSingleton<SandboxPushes>();
        services.AddHttpClient(SandboxWebhookClient.ClientName);
        services.AddSingleton<SandboxWebhookClient>();
        services.AddSingleton<SandboxPhone>();
        services.AddSingleton<SandboxFaults>();
        services.AddSingleton<SandboxWorld>();
        // The one phone that receives every text: kept with the first account's state.
        services.AddSingleton(sp => new SandboxSms(sp.GetRequiredService<TimeProvider>(), FirstMemory(sp),
            sp.GetRequiredService<SandboxPlatformRole>(), sp.GetRequiredService<IHttpClientFactory>()));

        // The first account's stores are services of their own (the world's further accounts are made by
        // the world), so that a test can read them, or put in a platform of its own.
        services.AddSingleton(sp => new SandboxFollowers(Time(sp), FirstMemory(sp)));
        services.AddSingleton(sp => new SandboxTags(sp.GetRequiredService<SandboxFollowers>(), FirstMemory(sp)));
        services.AddSingleton(sp => new SandboxChats(Time(sp), FirstMemory(sp)));
        services.AddSingleton(sp => new SandboxInbox(sp.GetRequiredService<SandboxFollowers>(), Time(sp), FirstMemory(sp)));
        services.AddSingleton(sp => new SandboxMenus(FirstMemory(sp)));
        services.AddSingleton(sp => new SandboxTemplates(FirstMemory(sp)));
        services.AddSingleton(sp => new SandboxQrCodes(Time(sp), FirstMemory(sp)));
        services.AddSingleton<SandboxTickets>();
        services.AddSingleton<SandboxQuotas>();
        return builder;
    }

    /// <summary>The sandbox's middleware (forwarding first, then the fault hooks) and endpoints, when it is on.</summary>
    public static WebApplication MapSandbox(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled)
            return app;
        app.UseSandboxForwarding();
        app.UseSandboxFaults();
        app.MapSandboxTokens();
        app.MapSandboxTickets();
        app.MapSandboxCustomService();
        app.MapSandboxPhone();
        app.MapSandboxTemplates();
        app.MapSandboxOAuth();
        app.MapSandboxMenus();
        app.MapSandboxUsers();
        app.MapSandboxTags();
        app.MapSandboxQrCodes();
        app.MapSandboxSms();
        app.MapSandboxDev();
        return app;
    }

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();

    private static SandboxMemory FirstMemory(IServiceProvider sp) =>
        sp.GetRequiredService<SandboxState>().For(sp.GetRequiredService<SandboxAccounts>().First.AppId);
}
