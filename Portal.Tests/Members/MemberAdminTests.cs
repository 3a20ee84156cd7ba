using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>Members in the admin: adjusting points once per form, the counter, coupon offers, levels; and who may do it.</summary>
public sealed class MemberAdminTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<Member> MemberAsync(int points = 0)
    {
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小蓝", null), withProfile: true);
        if (points > 0)
            await app.Services.GetRequiredService<PointsLedger>().AddAsync(TestAccounts.DefaultId, member.Id, points, "Opening balance", "open:" + member.Id);
        return member;
    }

    private static string FormKey(string html) => Regex.Match(html, "name=\"key\" value=\"([0-9a-f]+)\"").Groups[1].Value;

    [Fact]
    public async Task An_adjustment_sent_twice_changes_the_balance_once_and_is_audited()
    {
        var member = await MemberAsync(points: 100);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var page = $"/admin/members/{member.Id}";
        var key = FormKey(await editor.GetPageAsync(page));
        var fields = new Dictionary<string, string> { ["delta"] = "-30", ["reason"] = "Gift exchanged", ["key"] = key };

        using var first = await editor.PostFormAsync(page, $"{page}?handler=Adjust", fields);
        using var again = await editor.PostFormAsync(page, $"{page}?handler=Adjust", fields);

        Assert.Equal(70, await app.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, member.Id));
        var entries = await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "member" });
        Assert.Single(entries, e => e.EntityId == member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Taking_more_points_than_the_member_has_is_refused_in_plain_words()
    {
        var member = await MemberAsync(points: 10);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var page = $"/admin/members/{member.Id}";
        var fields = new Dictionary<string, string> { ["delta"] = "-11", ["reason"] = "Too much", ["key"] = FormKey(await editor.GetPageAsync(page)) };

        using var refused = await editor.PostFormAsync(page, $"{page}?handler=Adjust", fields);

        Assert.Contains("would leave a negative balance", await refused.Content.ReadAsStringAsync());
        Assert.Equal(10, await app.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, member.Id));
    }

    [Fact]
    public async Task At_the_counter_staff_find_a_member_by_code_add_points_and_redeem_their_coupon_once()
    {
        var member = await MemberAsync();
        var code = await app.Services.GetRequiredService<MemberStore>().CodeAsync(TestAccounts.DefaultId, member.Id);
        var coupons = app.Services.GetRequiredService<Coupons>();
        var offer = await coupons.CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "Free coffee", AmountOffCents = 1500, ValidDays = 30 });
        var (coupon, _) = await coupons.ClaimAsync(TestAccounts.DefaultId, member.Id, offer.Id);
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var page = $"/admin/counter?code={code}";

        var found = await editor.GetPageAsync(page);
        Assert.Contains("Free coffee", found);
        using var added = await editor.PostFormAsync(page, "/admin/counter?handler=Points", new() { ["code"] = code, ["points"] = "25", ["reason"] = "In-store purchase", ["key"] = FormKey(found) });
        using var redeemed = await editor.PostFormAsync(page, "/admin/counter?handler=Redeem", new() { ["code"] = code, ["coupon"] = coupon!.Code });
        using var twice = await editor.PostFormAsync(page, "/admin/counter?handler=Redeem", new() { ["code"] = code, ["coupon"] = coupon.Code });

        Assert.Equal(25, await app.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, member.Id));
        Assert.Contains("not one this member can use now", await twice.Content.ReadAsStringAsync());
        Assert.NotNull((await coupons.WalletAsync(TestAccounts.DefaultId, member.Id)).Single().UsedAt);
    }

    [Fact]
    public async Task Staff_give_a_coupon_even_one_no_longer_on_offer_but_never_past_its_limit()
    {
        var member = await MemberAsync();
        var coupons = app.Services.GetRequiredService<Coupons>();
        var offer = await coupons.CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "Sorry about that", AmountOffCents = 500, ValidDays = 10, PerMemberLimit = 1, Enabled = false });
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var page = $"/admin/members/{member.Id}";
        var fields = new Dictionary<string, string> { ["templateId"] = offer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        using var given = await editor.PostFormAsync(page, $"{page}?handler=Give", fields);
        using var again = await editor.PostFormAsync(page, $"{page}?handler=Give", fields);

        Assert.Single(await coupons.WalletAsync(TestAccounts.DefaultId, member.Id));
        Assert.Contains("already has as many of that coupon", await again.Content.ReadAsStringAsync());
        Assert.Equal(CouponRefusal.NotOffered, (await coupons.ClaimAsync(TestAccounts.DefaultId, member.Id, offer.Id)).Refusal); // members cannot claim it themselves
    }

    [Fact]
    public async Task Search_matches_the_start_of_a_nickname_and_takes_wildcards_literally()
    {
        var member = await MemberAsync();
        var directory = app.Services.GetRequiredService<MemberDirectory>();

        Assert.Contains(await directory.SearchAsync(TestAccounts.DefaultId, "小"), m => m.Id == member.Id);
        Assert.Contains(await directory.SearchAsync(TestAccounts.DefaultId, member.OpenId), m => m.Id == member.Id);
        Assert.DoesNotContain(await directory.SearchAsync(TestAccounts.DefaultId, "%"), m => m.Id == member.Id);
        Assert.DoesNotContain(await directory.SearchAsync(TestAccounts.DefaultId, "_蓝"), m => m.Id == member.Id);
    }

    [Fact]
    public async Task A_code_nobody_has_says_so()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        var page = await editor.GetPageAsync("/admin/counter?code=000000000001");

        Assert.Contains("No member has that code", page);
    }

    [Fact]
    public async Task A_viewer_sees_members_but_cannot_adjust_points_or_redeem()
    {
        var member = await MemberAsync(points: 5);
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        var page = $"/admin/members/{member.Id}";

        Assert.Contains("小蓝", await viewer.GetPageAsync("/admin/members"));
        using var refused = await viewer.PostFormAsync(page, $"{page}?handler=Adjust", new() { ["delta"] = "5", ["reason"] = "x", ["key"] = "k" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(5, await app.Services.GetRequiredService<PointsLedger>().BalanceAsync(TestAccounts.DefaultId, member.Id));
    }

    [Fact]
    public async Task Anonymous_visitors_see_nothing_of_the_member_pages()
    {
        using var browser = new AdminBrowser(app);
        foreach (var page in new[] { "/admin/members", "/admin/counter", "/admin/coupons", "/admin/membership" })
        {
            using var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    [Fact]
    public async Task Levels_saved_in_the_admin_decide_the_level_shown_and_a_bad_line_is_explained()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var bad = await editor.PostFormAsync("/admin/membership", "/admin/membership?handler=Levels", new() { ["levels"] = "Bronze | 10 | none" });
        Assert.Contains("The first level must need 0 points", await bad.Content.ReadAsStringAsync());

        using var saved = await editor.PostFormAsync("/admin/membership", "/admin/membership?handler=Levels", new() { ["levels"] = "Bronze | 0 | none\nSilver | 100 | tea" });
        var levels = await app.Services.GetRequiredService<MembershipSettings>().LevelsAsync(TestAccounts.DefaultId);
        Assert.Equal("Silver", levels.For(150).Current.Name);
    }
}
