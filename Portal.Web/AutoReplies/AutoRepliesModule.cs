using Portal.Core.AutoReplies;

namespace Portal.Web.AutoReplies;

/// <summary>Reply rules; their pages are under Pages/Admin/AutoReplies (/admin/rules). Nothing web-only to register yet: the pages need only what Core registers.</summary>
public static class AutoRepliesModule
{
    public static WebApplicationBuilder AddAutoReplies(this WebApplicationBuilder builder)
    {
        builder.AddAutoRepliesCore();
        return builder;
    }
}
