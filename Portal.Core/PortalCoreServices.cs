using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using Portal.Core.Data;
using Portal.Core.Followers;
using Portal.Core.Platform;
using Portal.Core.Settings;

namespace Portal.Core;

/// <summary>Registers everything Portal.Core provides, explicitly and in one place.</summary>
public static class PortalCoreServices
{
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<WeChatOptions, WeChatOptionsValidator>(configuration, WeChatOptions.SectionName);
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.SectionName)
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString("Portal"));
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName));

        services.AddData();
        services.AddCoordination(configuration);
        return services;
    }

    private static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private static void AddData(this IServiceCollection services)
    {
        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<FollowerStore>();
    }

    private static void AddCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        // Decided once at start: a configured Redis means several instances may share this account.
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<ICoordinationStore, RedisCoordinationStore>();
        }
        else
        {
            services.AddSingleton<ICoordinationStore, InProcessCoordinationStore>();
        }
    }
}
