using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Menus;
using Portal.Sandbox.Menus;
using Portal.Tests.Infrastructure;
using static Portal.Core.Menus.MenuButton;

namespace Portal.Tests.Sandbox.Menus;

/// <summary>
/// Portal's menu checks (<see cref="MenuRules"/>) against the sandbox's own table of the platform's rules
/// (<see cref="PlatformMenuRules"/>), written apart from Portal's from the platform's documentation. Where the
/// two agree, Portal refuses a menu before sending it; where they cannot agree (only the platform knows an
/// account's library), Portal's publish must report the platform's code.
/// </summary>
public sealed class MenuRulesAgainstThePlatformTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [MemberData(nameof(Portal.Tests.Menus.InvalidMenus.Names), MemberType = typeof(Portal.Tests.Menus.InvalidMenus))]
    public void Each_broken_limit_has_the_same_code_and_place_in_both_tables(string rule)
    {
        var (menu, code, path) = Portal.Tests.Menus.InvalidMenus.Cases[rule];

        var platform = PlatformMenuRules.Judge(menu.OnPlatform(), SandboxMaterials.All);

        Assert.Equal((code, path), (platform?.Code, platform?.Where));
        Assert.Equal((code, path), (MenuRules.Check(menu)[0].Code, MenuRules.Check(menu)[0].Path));
    }

    /// <summary>
    /// The platform's 65310 reads "a province or a city is given, so the country cannot be empty". Portal's
    /// rules used to ask for the country only with a province, and reported a rule with a city alone as 65311.
    /// </summary>
    [Theory]
    [InlineData(null, null, null, PlatformMenuRules.Codes.MatchRuleEmpty)]
    [InlineData(null, "广东", null, PlatformMenuRules.Codes.MatchRuleCountryMissing)]
    [InlineData(null, null, "广州", PlatformMenuRules.Codes.MatchRuleCountryMissing)]
    [InlineData("中国", null, "广州", PlatformMenuRules.Codes.MatchRuleProvinceMissing)]
    [InlineData("中国", "广东", "广州", 0)]
    public void A_match_rule_is_judged_alike(string? country, string? province, string? city, int code)
    {
        var rule = new MatchRule { Country = country, Province = province, City = city };

        var platform = PlatformMenuRules.Judge(new PlatformMatchRule { Country = country, Province = province, City = city });
        var portal = MenuRules.Check(rule);

        Assert.Equal(code, platform?.Code ?? 0);
        Assert.Equal(code, portal.Count == 0 ? 0 : portal[0].Code);
    }

    [Fact]
    public async Task A_media_button_naming_a_material_the_account_lacks_passes_Portals_rules_and_the_platform_refuses_it()
    {
        var publisher = app.Services.GetRequiredService<MenuPublisher>();
        var good = new Menu(Click("今日", "TODAY"), Media("图片", SandboxMaterials.Image));
        Assert.True((await publisher.PublishAsync(app.Services.DefaultAccount(), good, null, "alice")).Succeeded);
        var missing = new Menu(Click("今日", "TODAY"), Media("图片", "MEDIA_ID_NOT_IN_THE_LIBRARY"));

        // Portal cannot know an account's library: its rules find nothing wrong.
        Assert.Empty(MenuRules.Check(missing));
        var result = await publisher.PublishAsync(app.Services.DefaultAccount(), missing, null, "alice");

        Assert.False(result.Succeeded);
        Assert.Equal(PlatformMenuRules.Codes.InvalidMediaId, Assert.Single(result.Problems).Code);
        Assert.Equal(SandboxMaterials.Image, app.Services.GetRequiredService<SandboxMenus>().Published().Default!.Buttons[1].MediaId);
        var latest = await app.Services.GetRequiredService<MenuVersionStore>().LatestDefaultAsync(TestAccounts.DefaultId);
        Assert.Equal(MenuJson.Write(good), MenuJson.Write(latest!.Menu));
    }
}
