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

/// <summary>The member centre over HTTP, signed in through the sandbox: check-in, coupons, the member code.</summary>
public sealed class MemberCentreTests
{
    private static async Task<(PortalAppFactory App, MemberBrowser Browser)> SignedInAsync()
    {
        var app = new PortalAppFactory();
        var followers = app.Services.GetRequiredService<SandboxFollowers>();
        var person = followers.Create("小绿");
        followers.Follow(person, null);
        var browser = new MemberBrowser(app, person.OpenId);
        var (signIn, _) = await browser.GoAsync("/members/me");
        var (centre, _) = await browser.GoAsync(MemberBrowser.StartFrom(signIn.RequestMessage!.RequestUri!.PathAndQuery));
        Assert.Equal(HttpStatusCode.OK, centre.StatusCode);
        return (app, browser);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(MemberBrowser browser, string page, string handler, Dictionary<string, string>? fields = null)
    {
        var html = await browser.Http.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token };
        return await browser.Http.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Checking_in_twice_on_one_day_credits_the_points_once()
    {
        var (app, browser) = await SignedInAsync();
        await using var _ = app;
        using var __ = browser;

        using var first = await PostFormAsync(browser, "/members/me", "CheckIn");
        var (afterFirst, _) = await browser.GoAsync(first.Headers.Location!.OriginalString);
        var firstHtml = await afterFirst.Content.ReadAsStringAsync();
        Assert.Contains("签到成功", firstHtml);
        Assert.Contains("5 积分 · 连续 1 天", firstHtml);
        Assert.Contains("今日已签到", firstHtml);

        // A second tab still showing the button.
        var html = await browser.Http.GetStringAsync("/members/me");
        Assert.DoesNotContain("data-testid=\"check-in\"", html);
        var rules = CheckInRules.Default;
        Assert.Matches($"data-testid=\"points\">{rules.BasePoints}<", html);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var (app, browser) = await SignedInAsync();
        await using var _ = app;
        using var __ = browser;

        using var forged = await browser.Http.PostAsync("/members/me?handler=CheckIn", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_coupon_on_offer_is_claimed_up_to_the_limit_and_shows_in_the_wallet()
    {
        var (app, browser) = await SignedInAsync();
        await using var _ = app;
        using var __ = browser;
        var template = await app.Services.GetRequiredService<Coupons>().CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "满50减10", AmountOffCents = 1000, MinSpendCents = 5000, ValidDays = 7, PerMemberLimit = 1 });
        var fields = new Dictionary<string, string> { ["templateId"] = template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        using var claimed = await PostFormAsync(browser, "/members/coupons", "Claim", fields);
        using var again = await PostFormAsync(browser, "/members/coupons", "Claim", fields);
        var html = await browser.Http.GetStringAsync("/members/coupons");

        Assert.Contains("已达领取上限", html);
        Assert.Single(Regex.Matches(html, "券码 \\d{12}"));
    }

    [Fact]
    public async Task The_claim_button_is_disabled_with_the_reason_once_the_member_holds_the_limit()
    {
        var (app, browser) = await SignedInAsync();
        await using var _ = app;
        using var __ = browser;
        var template = await app.Services.GetRequiredService<Coupons>().CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "满30减5", AmountOffCents = 500, MinSpendCents = 3000, ValidDays = 7, PerMemberLimit = 2 });
        var fields = new Dictionary<string, string> { ["templateId"] = template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains("data-testid=\"claim\"", await browser.Http.GetStringAsync("/members/coupons"));
        using (await PostFormAsync(browser, "/members/coupons", "Claim", fields)) { }
        var afterOne = await browser.Http.GetStringAsync("/members/coupons");
        Assert.Contains("data-testid=\"claim\"", afterOne);
        Assert.DoesNotContain("data-testid=\"claim-limit\"", afterOne);

        using (await PostFormAsync(browser, "/members/coupons", "Claim", fields)) { }
        var afterTwo = await browser.Http.GetStringAsync("/members/coupons");
        Assert.DoesNotContain("data-testid=\"claim\"", afterTwo);
        Assert.Matches("<button [^>]*disabled[^>]*data-testid=\"claim-limit\"", afterTwo);
        Assert.Contains("每人限领 2 张", afterTwo);
        Assert.Equal(2, Regex.Matches(afterTwo, "券码 \\d{12}").Count);
    }

    [Fact]
    public async Task The_member_code_page_shows_the_same_code_each_time()
    {
        var (app, browser) = await SignedInAsync();
        await using var _ = app;
        using var __ = browser;

        var first = Regex.Match(await browser.Http.GetStringAsync("/members/code"), "data-testid=\"member-code\">(\\d{12})<").Groups[1].Value;
        var second = Regex.Match(await browser.Http.GetStringAsync("/members/code"), "data-testid=\"member-code\">(\\d{12})<").Groups[1].Value;

        Assert.Matches("^\\d{12}$", first);
        Assert.Equal(first, second);
    }
}
