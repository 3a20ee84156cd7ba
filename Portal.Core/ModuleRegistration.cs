using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Core;

/// <summary>
/// What every module's <c>Add…</c> uses to register its settings. Options are bound from their section and
/// validated when the host starts, so a wrong setting stops the start with a message naming it.
/// </summary>
public static class ModuleRegistration
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// The one place where a setting is read while services are registered, for the few settings that decide
    /// which services exist at all (Redis or in-process coordination, Tencent Cloud SMS or none, the sandbox on
    /// or off, the certificates that protect the cookie keys). The same settings are also bound as options and
    /// validated at start like every other; everything else is read only through <c>IOptions</c>.
    /// </summary>
    public static TOptions Switch<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class, new() =>
        builder.Configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
}
