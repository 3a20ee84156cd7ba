using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
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

namespace Portal.Tests.Hosting;

/// <summary>
/// Return URLs holding Chinese text come back as percent-encoded Location headers, over a real server
/// (Kestrel refuses a raw non-ASCII header with a 500; the in-memory test server would not notice).
/// </summary>
public sealed class RedirectEncodingTests
{
    [Theory]
    [InlineData("/admin/rules?q=规则", "/admin/rules?q=%E8%A7%84%E5%88%99")]
    [InlineData("/members/me?name=张三 李", "/members/me?name=%E5%BC%A0%E4%B8%89%20%E6%9D%8E")]
    [InlineData("/a?e=😀", "/a?e=%F0%9F%98%80")]
    [InlineData("/admin/rules?q=%E8%A7%84", "/admin/rules?q=%E8%A7%84")] // already encoded: unchanged
    [InlineData("/admin?x=1&y=a+b#top", "/admin?x=1&y=a+b#top")]
    public void Non_ascii_is_percent_encoded_and_ascii_left_alone(string url, string expected)
    {
        Assert.Equal(expected, LocationHeader.Encode(url));
        Assert.Equal(expected, LocationHeader.Encode(expected));
    }

    private static HttpClient Client(KestrelPortalApp app, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseUrl };

    [Fact]
    public async Task An_operator_signing_in_returns_to_a_page_whose_address_holds_chinese()
    {
        await using var app = new KestrelPortalApp().Start();
        await AdminBrowser.CreateOperatorAsync(app, "chinese-return", OperatorRole.Owner);
        using var http = Client(app, new CookieContainer());
        var form = await http.GetStringAsync("/admin/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using var signedIn = await http.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "chinese-return",
            ["Password"] = AdminBrowser.Password,
            ["ReturnUrl"] = "/admin/rules?q=规则",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin/rules?q=%E8%A7%84%E5%88%99", signedIn.Headers.Location!.OriginalString);
        using var page = await http.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_member_signing_in_returns_to_a_page_whose_address_holds_chinese()
    {
        await using var app = new KestrelPortalApp().Start();
        var followers = app.Services.GetRequiredService<SandboxFollowers>();
        var person = followers.Create("张三");
        followers.Follow(person, null);
        var cookies = new CookieContainer();
        cookies.Add(app.BaseUrl, new Cookie(SandboxAuthorizePage.FollowerCookie, person.OpenId));
        using var http = Client(app, cookies);

        var url = "/members/signin/start?scope=snsapi_base&returnUrl=" + Uri.EscapeDataString("/members/me?name=张三");
        var hops = 0;
        HttpResponseMessage response;
        while ((response = await http.GetAsync(url)).StatusCode == HttpStatusCode.Redirect && hops++ < 5)
        {
            Assert.DoesNotContain(response.Headers.Location!.OriginalString, c => c > '~');
            url = response.Headers.Location!.OriginalString;
            response.Dispose();
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/members/me?name=%E5%BC%A0%E4%B8%89", url);
        response.Dispose();
    }
}
