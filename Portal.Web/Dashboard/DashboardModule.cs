using Portal.Core.Dashboard;

namespace Portal.Web.Dashboard;

/// <summary>The admin home (/admin); the page is Pages/Admin/Dashboard. Nothing web-only to register yet: the pages need only what Core registers.</summary>
public static class DashboardModule
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.AddDashboardCore();
        return builder;
    }
}
