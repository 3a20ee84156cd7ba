using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
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

namespace Portal.Tests.Members;

/// <summary>The profile page: asks for the WeChat profile, then keeps the name and birthday the member gives.</summary>
public sealed class MemberProfileTests
{
    [Fact]
    public async Task A_member_allows_the_profile_then_saves_a_name_and_birthday()
    {
        await using var app = new PortalAppFactory();
        var followers = app.Services.GetRequiredService<SandboxFollowers>();
        var person = followers.Create("小紫");
        followers.Follow(person, null);
        using var browser = new MemberBrowser(app, person.OpenId);

        var (signIn, _) = await browser.GoAsync("/members/profile");
        var (consent, _) = await browser.GoAsync(MemberBrowser.StartFrom(signIn.RequestMessage!.RequestUri!.PathAndQuery));
        using var allowed = await browser.ConsentAsync(await consent.Content.ReadAsStringAsync(), "allow");
        var (profile, _) = await browser.GoAsync(allowed.Headers.Location!.PathAndQuery);
        var html = await profile.Content.ReadAsStringAsync();
        Assert.Contains("小紫", html);

        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var saved = await browser.Http.PostAsync("/members/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["realName"] = "王小紫", ["birthday"] = "1990-05-20", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var member = await app.Services.GetRequiredService<MemberStore>().FindAsync(TestAccounts.DefaultId, person.OpenId);
        Assert.Equal(("王小紫", "1990-05-20"), (member!.RealName, member.Birthday));
        Assert.Equal("小紫", member.Nickname);
    }
}
