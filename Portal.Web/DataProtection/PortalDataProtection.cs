using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Portal.Core;

namespace Portal.Web.DataProtection;

/// <summary>
/// The keys that sign and encrypt Portal's cookies: kept in the database, which is durable and shared by
/// every instance, so neither a Redis restart nor a new instance can leave two instances with different rings.
/// </summary>
public static class PortalDataProtection
{
    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("Portal");
        builder.Services.AddSingleton<DatabaseXmlRepository>();
        builder.Services.AddSingleton<KeyRingImport>();
        builder.Services.AddSingleton<KeyRingStartup>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<DatabaseXmlRepository>()));

        // The certificates are read here, while registering: the framework takes them, not options.
        var options = builder.Switch<KeyRingOptions>(KeyRingOptions.SectionName);
        if (KeyRingCertificate.Current(options, builder.Environment.ContentRootPath) is { } certificate)
            protection.ProtectKeysWithCertificate(certificate);
        if (KeyRingCertificate.Previous(options, builder.Environment.ContentRootPath) is { } previous)
            protection.UnprotectKeysWithAnyCertificate(previous);
        return builder;
    }

    /// <summary>Imports the old ring once and makes sure there is a key every instance shares; before serving.</summary>
    public static Task PrepareKeyRingAsync(this WebApplication app) =>
        app.Services.GetRequiredService<KeyRingStartup>().EnsureReadyAsync(app.Lifetime.ApplicationStopping);
}
