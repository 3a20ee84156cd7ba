using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Followers;
using Portal.Core.Menus;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Tests.Platform;
using static Portal.Core.Menus.MenuButton;
using Portal.Sandbox;
using Portal.Tests.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Menus;

/// <summary>The menu client against the sandbox platform over HTTP. The tests share one menu, so each publishes what it needs.</summary>
public sealed class MenuClientTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private MenuClient Menus => app.Client<MenuClient>();
    private SandboxMenus Sandbox => app.Client<SandboxMenus>();

    private static string Json(Menu menu) => JsonSerializer.Serialize(menu, PlatformJson.Options);

    [Fact]
    public async Task A_published_menu_comes_back_equal()
    {
        var menu = MenuRulesTests.EveryType();

        await app.CallAsync((t, ct) => Menus.CreateAsync(t, menu, ct));
        var published = await app.CallAsync((t, ct) => Menus.GetAsync(t, ct));

        Assert.Equal(Json(menu), Json(published.Default!));
    }

    [Theory]
    [MemberData(nameof(InvalidMenus.Names), MemberType = typeof(InvalidMenus))]
    public async Task The_platform_refuses_each_broken_limit_with_the_code_MenuRules_reports(string rule)
    {
        var (menu, code, path) = InvalidMenus.Cases[rule];

        var refused = await Assert.ThrowsAsync<WeChatApiException>(() => app.CallAsync((t, ct) => Menus.CreateAsync(t, menu, ct)));

        Assert.Equal(code, refused.ErrorCode);
        Assert.Contains(path, refused.ErrorMessage);
        var problem = MenuRules.Check(menu)[0];
        Assert.Equal((code, path), (problem.Code, problem.Path));
    }

    [Fact]
    public async Task Conditional_menus_are_matched_newest_first_on_the_last_tag_and_sex()
    {
        var tags = app.Client<TagClient>();
        var vip = await app.CallAsync((t, ct) => tags.CreateAsync(t, "VIP " + Guid.NewGuid().ToString("N")[..8], ct));
        var normal = new Menu(Click("默认", "default"));
        var forVip = new Menu(Click("会员", "vip"));
        var forWomen = new Menu(Click("女士", "women"));
        await app.CallAsync((t, ct) => Menus.CreateAsync(t, normal, ct));
        var vipId = await app.CallAsync((t, ct) => Menus.AddConditionalAsync(t, forVip, new MatchRule { TagId = vip.Id.ToString() }, ct));
        var womenId = await app.CallAsync((t, ct) => Menus.AddConditionalAsync(t, forWomen, new MatchRule { Sex = "2" }, ct));

        var vipMan = Follower(sex: 1);
        var woman = Follower(sex: 2);
        var vipWoman = Follower(sex: 2);
        var nobody = Follower(sex: 1);
        await app.CallAsync((t, ct) => tags.TagAsync(t, vip.Id, [vipMan.OpenId, vipWoman.OpenId], ct));

        async Task<string> SeenBy(SandboxFollower f)
        {
            var matched = await app.CallAsync((t, ct) => Menus.TryMatchAsync(t, f.OpenId, ct));
            Assert.Equal(Json(matched), Json(Sandbox.MenuFor(f)!.InPortal())); // the phone page draws what trymatch tells
            return matched.Buttons[0].Key!;
        }

        Assert.Equal("vip", await SeenBy(vipMan));
        Assert.Equal("women", await SeenBy(woman));
        Assert.Equal("women", await SeenBy(vipWoman)); // both rules fit: the newer menu wins
        Assert.Equal("default", await SeenBy(nobody));

        var published = await app.CallAsync((t, ct) => Menus.GetAsync(t, ct));
        Assert.Equal([vipId, womenId], published.Conditional.Select(c => c.MenuId));
        Assert.Equal("2", published.Conditional[1].Rule.Sex);
        Assert.NotNull(published.DefaultMenuId);

        await app.CallAsync((t, ct) => Menus.DeleteConditionalAsync(t, womenId, ct));
        Assert.Equal("vip", await SeenBy(vipWoman));
        Assert.Equal(MenuErrorCodes.ConditionalMenuNotFound, await app.RefusalAsync((t, ct) => Menus.DeleteConditionalAsync(t, womenId, ct)));
        Assert.Equal(MenuErrorCodes.NoSuchUser, await app.RefusalAsync((t, ct) => Menus.TryMatchAsync(t, "o-nobody-the-sandbox-knows", ct)));
    }

    [Fact]
    public async Task A_conditional_menu_needs_a_default_menu_and_a_condition()
    {
        var menu = new Menu(Click("会员", "vip"));
        await app.CallAsync((t, ct) => Menus.DeleteAsync(t, ct));

        Assert.Equal(MenuErrorCodes.NoDefaultMenu, await app.RefusalAsync((t, ct) => Menus.AddConditionalAsync(t, menu, new MatchRule { Sex = "1" }, ct)));

        await app.CallAsync((t, ct) => Menus.CreateAsync(t, menu, ct));
        Assert.Equal(MenuErrorCodes.MatchRuleEmpty, await app.RefusalAsync((t, ct) => Menus.AddConditionalAsync(t, menu, new MatchRule(), ct)));
        Assert.Equal(MenuErrorCodes.MatchRuleProvinceMissing, await app.RefusalAsync((t, ct) => Menus.AddConditionalAsync(t, menu, new MatchRule { Country = "中国", City = "广州" }, ct)));
    }

    [Fact]
    public async Task Delete_removes_every_menu()
    {
        await app.CallAsync((t, ct) => Menus.CreateAsync(t, new Menu(Click("默认", "default")), ct));
        await app.CallAsync((t, ct) => Menus.AddConditionalAsync(t, new Menu(Click("女士", "women")), new MatchRule { Sex = "2" }, ct));

        await app.CallAsync((t, ct) => Menus.DeleteAsync(t, ct));

        Assert.Equal(MenuErrorCodes.MenuNotFound, await app.RefusalAsync((t, ct) => Menus.GetAsync(t, ct)));
        Assert.Null(Sandbox.MenuFor(Follower(sex: 2)));
    }

    [Fact]
    public async Task The_published_menu_survives_a_restart()
    {
        var menu = new Menu(Click("今日歌曲", "V1001"), View("官网", "https://example.com/"));
        await app.CallAsync((t, ct) => Menus.CreateAsync(t, menu, ct));

        // A second sandbox over the same data folder is what the next start of the app makes.
        app.Client<SandboxState>().Save();
        using var state = new SandboxState(app.DataFolder, PortalAppFactory.AppId, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SandboxState>.Instance);
        var restarted = new SandboxMenus(state.For(PortalAppFactory.AppId));

        Assert.Equal(Json(menu), Json(restarted.Published().Default!.InPortal()));
    }

    private SandboxFollower Follower(int sex)
    {
        var follower = app.Client<SandboxFollowers>().Create("menu test", InboundXml.NewOpenId());
        follower.Sex = sex;
        app.Client<SandboxFollowers>().Follow(follower, qrScene: null);
        return follower;
    }
}
