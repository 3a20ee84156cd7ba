using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.AutoReplies;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Delete asks first, under a Content-Security-Policy that forbids inline script (the test adds the
/// header itself, so it holds whatever the app sends): the question comes from the form's data-confirm,
/// a rule named like a script breakout is only text in it, cancelling keeps the rule and accepting deletes it.
/// </summary>
public sealed class ConfirmBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    private const string Name = "'+alert(1)+'";

    [Fact]
    public async Task Delete_asks_first_under_a_policy_without_inline_script()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        await AdminBrowser.CreateOperatorAsync(app, "lilei", OperatorRole.Editor);
        var draft = new RuleDraft { Name = Name, Trigger = "contains", Pattern = "hello", Content = "hi" }.Build();
        await app.Services.GetRequiredService<AutoReplyRuleEditor>().CreateAsync(AuditActor.Command("test"), TestAccounts.DefaultId, draft.Rule!);

        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.RouteAsync(new Uri(app.BaseUrl, "admin/**").ToString(), async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = "script-src 'self'" };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(message.Text); };
        var dialogs = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type + ": " + dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };

        await page.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await page.GetByLabel("Name").FillAsync("lilei");
        await page.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Auto-replies" }).ClickAsync();
        var rules = page.GetByTestId("rules");
        await Expect(rules).ToContainTextAsync(Name);

        await rules.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        Assert.Equal(["confirm: Delete the rule “'+alert(1)+'”? This cannot be undone (the audit trail keeps a copy)."], dialogs);
        await page.ReloadAsync();
        await Expect(rules).ToContainTextAsync(Name);

        accept = true;
        await rules.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "rule.deleted");
        await Expect(rules).ToBeHiddenAsync();
        Assert.Equal(2, dialogs.Count);
        Assert.All(dialogs, d => Assert.StartsWith("confirm:", d, StringComparison.Ordinal));
        Assert.Empty(await app.Services.GetRequiredService<AutoReplyRuleStore>().ListAsync(TestAccounts.DefaultId));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Redeem_at_the_counter_shows_the_minimum_spend_and_asks_first()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        await AdminBrowser.CreateOperatorAsync(app, "hanmeimei", OperatorRole.Editor);
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小蓝", null), withProfile: true);
        var memberCode = await app.Services.GetRequiredService<MemberStore>().CodeAsync(TestAccounts.DefaultId, member.Id);
        var coupons = app.Services.GetRequiredService<Coupons>();
        var offer = await coupons.CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "满50减10", AmountOffCents = 1000, MinSpendCents = 5000, ValidDays = 30 });
        await coupons.ClaimAsync(TestAccounts.DefaultId, member.Id, offer.Id);

        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var dialogs = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await page.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await page.GetByLabel("Name").FillAsync("hanmeimei");
        await page.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(new Uri(app.BaseUrl, $"admin/counter?code={memberCode}").ToString());
        await Expect(page.GetByTestId("coupon-terms")).ToHaveTextAsync("¥10 off, minimum spend ¥50");

        await page.GetByRole(AriaRole.Button, new() { Name = "Redeem" }).ClickAsync();
        Assert.Equal(["Redeem “满50减10” (¥10 off, minimum spend ¥50) for 小蓝? It cannot be used again."], dialogs);
        await page.ReloadAsync();
        Assert.Null((await coupons.WalletAsync(TestAccounts.DefaultId, member.Id)).Single().UsedAt);

        accept = true;
        await page.GetByRole(AriaRole.Button, new() { Name = "Redeem" }).ClickAsync();
        await Expect(page.GetByTestId("counter-message")).ToHaveAttributeAsync("data-code", "coupon.redeemed");
        Assert.NotNull((await coupons.WalletAsync(TestAccounts.DefaultId, member.Id)).Single().UsedAt);
    }
}
