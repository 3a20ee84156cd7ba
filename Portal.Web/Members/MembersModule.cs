using Microsoft.Extensions.Options;
using Portal.Core.Members;
using Portal.Web.Hosting;

namespace Portal.Web.Members;

/// <summary>
/// Members: the H5 pages under Pages/Members, sign-in through WeChat web authorization with its own cookie,
/// and the admin's member pages under Pages/Admin/Members.
/// </summary>
public static class MembersModule
{
    public static WebApplicationBuilder AddMembers(this WebApplicationBuilder builder)
    {
        builder.AddMembersCore();
        var services = builder.Services;
        services.AddMemberCookie();
        services.AddSingleton<OAuthStateCookie>();
        services.AddSingleton<MemberSignInFlow>();
        services.AddSingleton<WeChatBrowser>();
        // Template messages' cards lead to the member centre on this site unless another address is set.
        services.AddOptions<MembershipOptions>().PostConfigure<IOptions<PublicAddressOptions>>((o, address) =>
            o.MemberCentreUrl ??= new Uri(address.Value.BaseUrl, "members/me").ToString());
        return builder;
    }

    /// <summary>The sign-in endpoints under <c>/members</c>; the member pages are Razor pages, mapped with the others.</summary>
    public static WebApplication MapMembers(this WebApplication app)
    {
        app.MapMemberSignIn();
        return app;
    }
}
