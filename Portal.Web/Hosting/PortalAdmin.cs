using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.WebEncoders;
using Portal.Core.AutoReplies;
using Portal.Core.Dashboard;
using Portal.Core.Menus;
using Portal.Core.Operators;
using Portal.Web.Operators;

namespace Portal.Web.Hosting;

/// <summary>The operators' admin under /admin: its cookie scheme, roles as policies, the pages' protection and services.</summary>
public static class PortalAdmin
{
    public static WebApplicationBuilder AddPortalAdmin(this WebApplicationBuilder builder)
    {
        // With a single scheme registered, ASP.NET Core would make it everyone's default and read the
        // operator cookie on every request (the webhook, the followers' pages). Operators' pages name
        // their scheme through the policies instead, and the followers' scheme, when it comes, stays separate.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        var services = builder.Services;
        services.AddSingleton<OperatorStore>();
        services.AddSingleton<OperatorPasswords>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Portal.Core.Followers.FollowerEditor>();
        services.AddSingleton<Portal.Core.Followers.TagEditor>();
        services.AddSingleton<Portal.Core.Inbox.InboxReplies>();
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<Portal.Core.Dashboard.FailedDeliveries>();
        services.AddSingleton<AutoReplyRuleEditor>();
        services.AddSingleton<MenuWorkbench>();
        services.AddSingleton<OperatorCookieEvents>();

        // Razor would otherwise write every non-ASCII character as an entity: Chinese rule texts and names
        // become unreadable in the page source and several times larger. Applies to every page.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddAuthentication()
            .AddCookie(OperatorClaims.Scheme, o =>
            {
                o.Cookie.Name = "portal.operator";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = OperatorClaims.CookieLife;
                o.SlidingExpiration = true;
                o.LoginPath = "/admin/signin";
                o.LogoutPath = "/admin/signout";
                o.EventsType = typeof(OperatorCookieEvents);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorClaims.AnyOperator, p => p.AddAuthenticationSchemes(OperatorClaims.Scheme).RequireAuthenticatedUser())
            .AddPolicy(OperatorClaims.Editor, p => p.AddAuthenticationSchemes(OperatorClaims.Scheme).RequireRole("owner", "editor"))
            .AddPolicy(OperatorClaims.Owner, p => p.AddAuthenticationSchemes(OperatorClaims.Scheme).RequireRole("owner"));

        // Protection by folder, so a page added later is protected without anyone remembering to. The
        // Operators folder also holds every operator's own pages (sign-in, password, audit), so the one
        // owner-only page there is named.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", OperatorClaims.AnyOperator);
            o.Conventions.AuthorizePage("/Admin/Operators/Index", OperatorClaims.Owner);
            o.Conventions.AllowAnonymousToPage("/Admin/Operators/SignIn");
            o.Conventions.AllowAnonymousToPage("/Admin/Operators/Setup");
            o.Conventions.AddFolderApplicationModelConvention("/Admin", model => model.Filters.Add(new RequireEditorToChange()));
        });
        return builder;
    }

    /// <summary>
    /// Authorization for the admin pages (mapped with the other pages). There is no default scheme: each
    /// policy names the operator scheme, so the operator cookie is read only on admin pages.
    /// </summary>
    public static WebApplication UsePortalAdmin(this WebApplication app)
    {
        app.UseAuthorization();
        return app;
    }
}
