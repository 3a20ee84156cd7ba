using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Core.Accounts;
using Portal.Core.WeChat;
using Portal.Web.Accounts;

namespace Portal.Web.Members;

/// <summary>
/// The members' cookie: its own scheme, separate from operators', issued after web authorization and
/// protected with the shared Data Protection keys, so any instance reads it.
/// </summary>
public static class MemberAuthentication
{
    public const string Scheme = "Member";
    public const string Policy = "Member";
    public const string ProfilePolicy = "MemberWithProfile";
    public const string ScopeClaim = "wechat_scope";
    public const string MemberIdClaim = "member_id";
    public const string AccountClaim = "account_id";

    /// <summary>The members' cookie scheme and policies (called by <see cref="MembersModule.AddMembers"/>).</summary>
    internal static IServiceCollection AddMemberCookie(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "portal-member";
            // One cookie for the site, whichever account's pages issued it (the framework would otherwise scope it
            // to the path base, /a/{AppId}); it is bound to its account by a claim instead.
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            // The OAuth callback is a top-level redirect from WeChat: Lax cookies travel with it.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = RequireThePageAccount;
            o.Events.OnRedirectToLogin = context => SendToSignIn(context, needProfile: RequiresProfile(context.HttpContext));
            // Signed in silently but the page wants the profile: ask again with snsapi_userinfo.
            o.Events.OnRedirectToAccessDenied = context => SendToSignIn(context, needProfile: true);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(ProfilePolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(ScopeClaim, OAuthScopes.UserInfo));
        return services;
    }

    public static ClaimsPrincipal Principal(WeChatAccount account, long memberId, string openId, string scope) => new(new ClaimsIdentity(
        [
            new Claim(AccountClaim, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, openId),
            new Claim(MemberIdClaim, memberId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ScopeClaim, scope),
        ],
        Scheme));

    /// <summary>
    /// A member is a follower of one account (an OpenID is per AppId): a session from one account's pages signs
    /// nobody in on another's, which then signs the follower in for itself. Sessions from before accounts are the
    /// default account's.
    /// </summary>
    private static Task RequireThePageAccount(CookieValidatePrincipalContext context)
    {
        var claim = context.Principal?.FindFirst(AccountClaim)?.Value;
        var accountId = claim is null ? WeChatAccount.DefaultId : int.TryParse(claim, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;
        if (accountId != context.HttpContext.PageAccount().Id)
            context.RejectPrincipal();
        return Task.CompletedTask;
    }

    private static bool RequiresProfile(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ProfilePolicy) == true;

    private static Task SendToSignIn(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, bool needProfile)
    {
        var request = context.Request;
        var returnUrl = request.PathBase + request.Path + request.QueryString;
        context.Response.Redirect(QueryHelpers.AddQueryString(request.PathBase + MemberSignInEndpoints.SignInPath, new Dictionary<string, string?>
        {
            ["returnUrl"] = returnUrl,
            ["scope"] = needProfile ? OAuthScopes.UserInfo : OAuthScopes.Base,
        }));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Puts a page behind member sign-in: silent (snsapi_base) by default, or with the profile
/// (snsapi_userinfo) when the page shows the member's nickname or avatar.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireMemberAttribute : AuthorizeAttribute
{
    public RequireMemberAttribute(bool withProfile = false)
    {
        AuthenticationSchemes = MemberAuthentication.Scheme;
        Policy = withProfile ? MemberAuthentication.ProfilePolicy : MemberAuthentication.Policy;
    }
}
