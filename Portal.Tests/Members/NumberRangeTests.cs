using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoReplies;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Tests.AutoReplies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>
/// Every number an operator types is checked against a range on the server: too large for its type,
/// negative where it cannot be, or past the limit, the form comes back with a message naming the range
/// and nothing is saved (before, 2147483647 check-in points wrapped to a loss and ¥99999999999 was a 500).
/// </summary>
public sealed class NumberRangeTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static string FormKey(string html) => Regex.Match(html, "name=\"key\" value=\"([0-9a-f]+)\"").Groups[1].Value;

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, not a redirect and not a 500
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2147483647", "7:30")]
    [InlineData("99999999999", "7:30")]
    [InlineData("0", "7:30")]
    [InlineData("-5", "7:30")]
    [InlineData("5", "7:2147483647")]
    [InlineData("5", "99999999999:1")]
    [InlineData("5", "7:-1")]
    public async Task Check_in_points_out_of_range_are_refused(string basePoints, string bonuses)
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var before = System.Text.Json.JsonSerializer.Serialize(await app.Services.GetRequiredService<MembershipSettings>().CheckInRulesAsync(TestAccounts.DefaultId));

        using var response = await editor.PostFormAsync("/admin/membership", "/admin/membership?handler=CheckIn", new() { ["basePoints"] = basePoints, ["bonuses"] = bonuses });

        Assert.Matches("from 1 to 10000|from 0 to 10000", await RefusedAsync(response));
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(await app.Services.GetRequiredService<MembershipSettings>().CheckInRulesAsync(TestAccounts.DefaultId)));
    }

    [Fact]
    public async Task Check_in_points_at_the_limits_are_saved()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var response = await editor.PostFormAsync("/admin/membership", "/admin/membership?handler=CheckIn",
            new() { ["basePoints"] = "10000", ["bonuses"] = "366:10000" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(20_000, (await app.Services.GetRequiredService<MembershipSettings>().CheckInRulesAsync(TestAccounts.DefaultId)).PointsFor(366));
    }

    [Fact]
    public async Task A_level_needing_more_points_than_the_limit_is_refused()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var response = await editor.PostFormAsync("/admin/membership", "/admin/membership?handler=Levels",
            new() { ["levels"] = "Bronze | 0 | none\nGold | 99999999999999999999 | tea" });

        Assert.Contains("points from 0 to 1000000000", await RefusedAsync(response));
    }

    [Theory]
    [InlineData("99999999999", "0", "30", "", "1", "amount off must be from ¥0.01 to ¥100000")]
    [InlineData("79228162514264337593543950336", "0", "30", "", "1", "amount off must be from ¥0.01 to ¥100000")] // past decimal
    [InlineData("10", "-1", "30", "", "1", "minimum spend must be from ¥0 to ¥100000")]
    [InlineData("10", "99999999999", "30", "", "1", "minimum spend must be from ¥0 to ¥100000")]
    [InlineData("10", "0", "2147483647", "", "1", "valid for 1 to 3650 days")]
    [InlineData("10", "0", "30", "99999999999", "1", "give from 1 to 1000000")]
    [InlineData("10", "0", "30", "", "2147483647", "claim from 1 to 1000")]
    public async Task Coupon_numbers_out_of_range_are_refused(string amountOff, string minSpend, string validDays, string total, string perMember, string message)
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = "Range " + Guid.NewGuid().ToString("N")[..8];

        using var response = await editor.PostFormAsync("/admin/coupons", "/admin/coupons?handler=Create", new()
        {
            ["name"] = name, ["amountOff"] = amountOff, ["minSpend"] = minSpend, ["validDays"] = validDays, ["total"] = total, ["perMember"] = perMember,
        });

        Assert.Contains(message, await RefusedAsync(response));
        Assert.DoesNotContain(await app.Services.GetRequiredService<Coupons>().TemplatesAsync(TestAccounts.DefaultId), t => t.Name == name);
    }

    [Fact]
    public async Task The_largest_coupon_allowed_is_saved_in_fen()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = "Big " + Guid.NewGuid().ToString("N")[..8];

        using var response = await editor.PostFormAsync("/admin/coupons", "/admin/coupons?handler=Create", new()
        {
            ["name"] = name, ["amountOff"] = "100000", ["minSpend"] = "100000", ["validDays"] = "3650", ["total"] = "1000000", ["perMember"] = "1000",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await app.Services.GetRequiredService<Coupons>().TemplatesAsync(TestAccounts.DefaultId)).Single(t => t.Name == name);
        Assert.Equal(10_000_000, saved.AmountOffCents);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    [InlineData("99999999999")]
    [InlineData("1000001")]
    public async Task A_points_adjustment_out_of_range_is_refused(string delta)
    {
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小蓝", null), withProfile: true);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var page = $"/admin/members/{member.Id}";

        using var response = await editor.PostFormAsync(page, $"{page}?handler=Adjust", new() { ["delta"] = delta, ["reason"] = "Big", ["key"] = FormKey(await editor.GetPageAsync(page)) });

        Assert.Contains("at most 1000000 either way", await RefusedAsync(response));
        Assert.Equal(0, await app.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, member.Id));
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("1000001")]
    [InlineData("0")]
    public async Task Counter_points_out_of_range_are_refused(string points)
    {
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小蓝", null), withProfile: true);
        var code = await app.Services.GetRequiredService<MemberStore>().CodeAsync(TestAccounts.DefaultId, member.Id);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var page = $"/admin/counter?code={code}";

        using var response = await editor.PostFormAsync(page, "/admin/counter?handler=Points",
            new() { ["code"] = code, ["points"] = points, ["reason"] = "Sale", ["key"] = FormKey(await editor.GetPageAsync(page)) });

        Assert.Contains("from 1 to 1000000", await RefusedAsync(response));
        Assert.Equal(0, await app.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, member.Id));
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("1000001")]
    [InlineData("ten")]
    public async Task A_rule_priority_out_of_range_is_refused(string priority)
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = "Priority " + Guid.NewGuid().ToString("N")[..8];
        var form = RuleForms.Text(name, "exact", "hello", "hi");
        form["Draft.Priority"] = priority;

        using var response = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", form);

        Assert.Contains("The priority is a whole number from -1000000 to 1000000.", await RefusedAsync(response));
        Assert.DoesNotContain(await app.Services.GetRequiredService<AutoReplyRuleStore>().ListAsync(TestAccounts.DefaultId), r => r.Name == name);
    }

    [Fact]
    public async Task Check_in_rules_saved_before_the_limits_are_refused_plainly_and_take_no_points()
    {
        await using var member = new PortalAppFactory();
        var followers = member.Services.GetRequiredService<Portal.Sandbox.Followers.SandboxFollowers>();
        var person = followers.Create("小绿");
        followers.Follow(person, null);
        using var browser = new Members.MemberBrowser(member, person.OpenId);
        var (signIn, _) = await browser.GoAsync("/members/me");
        await browser.GoAsync(Members.MemberBrowser.StartFrom(signIn.RequestMessage!.RequestUri!.PathAndQuery));
        await member.Services.GetRequiredService<MembershipSettings>().SaveCheckInRulesAsync(TestAccounts.DefaultId, new CheckInRules(int.MaxValue, new Dictionary<int, int> { [1] = 1 }));
        var html = await browser.Http.GetStringAsync("/members/me");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using var checkIn = await browser.Http.PostAsync("/members/me?handler=CheckIn", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var (after, _) = await browser.GoAsync(checkIn.Headers.Location!.OriginalString);

        Assert.Contains("Check-in is not available right now", await after.Content.ReadAsStringAsync());
        var id = (await member.Services.GetRequiredService<MemberStore>().FindAsync(TestAccounts.DefaultId, person.OpenId))!.Id;
        Assert.Equal(0, await member.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, id));
    }
}
