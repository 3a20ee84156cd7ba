using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Cluster;

/// <summary>
/// A follower signed in as a member through one instance, by web authorization on the platform's own
/// authorize page (silent, snsapi_base), whose member cookie any instance should then take.
/// </summary>
public static class MemberSession
{
    public const string MemberPage = "members/me";

    public static async Task<ClusterBrowser> SignInAsync(PortalProcess instance, string openId)
    {
        var browser = new ClusterBrowser();
        // The platform's in-app browser knows who is holding the phone.
        browser.SetCookie(SandboxAuthorizePage.FollowerCookie, openId);
        var (signIn, at) = await browser.GoAsync(new Uri(instance.BaseUrl, MemberPage));
        signIn.Dispose();
        // The sign-in page's script goes on to the start of web authorization; this does what it does.
        var query = QueryHelpers.ParseQuery(at.Query);
        var start = new Uri(instance.BaseUrl, $"members/signin/start?scope={query["scope"]}&returnUrl={Uri.EscapeDataString(query["returnUrl"].ToString())}");
        var (page, landed) = await browser.GoAsync(start);
        using (page)
        {
            if (page.StatusCode != HttpStatusCode.OK || landed.AbsolutePath != "/" + MemberPage)
                throw new InvalidOperationException($"Signing {openId} in through {instance.Name} ended at {landed} with {(int)page.StatusCode}.");
        }
        return browser;
    }
}
