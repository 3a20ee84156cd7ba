using Portal.Core.Followers;

namespace Portal.Web.Followers;

/// <summary>Followers and tags; their pages are under Pages/Admin/Followers. Nothing web-only to register yet: the pages need only what Core registers.</summary>
public static class FollowersModule
{
    public static WebApplicationBuilder AddFollowers(this WebApplicationBuilder builder)
    {
        builder.AddFollowersCore();
        return builder;
    }
}
