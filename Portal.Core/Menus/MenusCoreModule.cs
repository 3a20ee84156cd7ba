using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Menus;

/// <summary>The custom menu: drafts, published versions, the workbench behind the menu pages and the platform's menu API.</summary>
public static class MenusCoreModule
{
    public static IHostApplicationBuilder AddMenusCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<MenuClient>();
        services.AddSingleton<MenuDraftStore>();
        services.AddSingleton<MenuVersionStore>();
        services.AddSingleton<MenuPublisher>();
        services.AddSingleton<MenuWorkbench>();
        return builder;
    }
}
