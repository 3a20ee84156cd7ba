using Portal.Core.Menus;

namespace Portal.Web.Menus;

/// <summary>The custom menu; its pages are under Pages/Admin/Menus (/admin/menu). Nothing web-only to register yet: the pages need only what Core registers.</summary>
public static class MenusModule
{
    public static WebApplicationBuilder AddMenus(this WebApplicationBuilder builder)
    {
        builder.AddMenusCore();
        return builder;
    }
}
