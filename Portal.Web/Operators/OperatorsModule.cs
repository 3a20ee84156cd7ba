using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>
/// Operators and the admin they work in under /admin: their cookie scheme, roles as policies, the pages'
/// protection, sign-in, passwords and the audit trail. Pages under Pages/Admin/Operators.
/// </summary>
public static class OperatorsModule
{
    public static WebApplicationBuilder AddOperators(this WebApplicationBuilder builder)
    {
        builder.AddOperatorsCore();
        var services = builder.Services;
        services.AddSingleton<OperatorPasswords>();
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<OperatorCookieEvents>();
        services.AddSingleton<ChooseAdminAccount>();

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
            // Which Official Account the page works on, checked against the operator's accounts on every request.
            o.Conventions.AddFolderApplicationModelConvention("/Admin", model => model.Filters.Add(new ServiceFilterAttribute(typeof(ChooseAdminAccount))));
        });
        return builder;
    }
}
