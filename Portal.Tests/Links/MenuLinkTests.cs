using Portal.Core.Menus;

namespace Portal.Tests.Links;

/// <summary>Menu buttons keep the platform's rules, and their web addresses follow the one allow-list.</summary>
public sealed class MenuLinkTests
{
    [Theory]
    [MemberData(nameof(HostileLinks.Theory), MemberType = typeof(HostileLinks))]
    public void View_buttons_and_mini_program_fallbacks_refuse_hostile_links(string link)
    {
        var view = MenuRules.Check(new Menu(MenuButton.View("搜索", link)));
        Assert.Contains(view, p => p.Code == MenuErrorCodes.ButtonUrlDomain);

        var miniProgram = MenuRules.Check(new Menu(MenuButton.Parent("服务", MenuButton.MiniProgram("小程序", "wx286b93c14bbf93aa", "pages/index", link))));
        Assert.Contains(miniProgram, p => p.Code == MenuErrorCodes.SubButtonUrlDomain);
    }

    [Fact]
    public void Web_addresses_still_pass() =>
        Assert.Empty(MenuRules.Check(new Menu(MenuButton.View("搜索", "HTTPS://www.example.com/search?q=%E6%AD%8C"))));
}
