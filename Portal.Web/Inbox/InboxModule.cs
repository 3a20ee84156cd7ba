using Portal.Core.Inbox;

namespace Portal.Web.Inbox;

/// <summary>Followers' messages and the replies to them; the page is Pages/Admin/Inbox. Nothing web-only to register yet: the pages need only what Core registers.</summary>
public static class InboxModule
{
    public static WebApplicationBuilder AddInbox(this WebApplicationBuilder builder)
    {
        builder.AddInboxCore();
        return builder;
    }
}
