using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Core.Logging;
using Portal.Core.Settings;

namespace Portal.Core.Data;

/// <summary>The database: its settings, connections, migrations, the SQLite checkpointer and the shared settings table.</summary>
public static class DataModule
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.SectionName)
            .Configure(o => o.ConnectionString ??= builder.Configuration.GetConnectionString("Portal"))
            .PostConfigure(o => o.DataFolder = Path.GetFullPath(o.DataFolder, contentRoot));
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DependencyOutages>();
        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        services.AddSingleton<SettingsStore>();
        return builder;
    }
}
