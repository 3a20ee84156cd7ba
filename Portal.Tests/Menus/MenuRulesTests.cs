using Portal.Core.Menus;
using Portal.Tests.Platform;
using static Portal.Core.Menus.MenuButton;

namespace Portal.Tests.Menus;

public sealed class MenuRulesTests
{
    /// <summary>A menu using every button type the platform has, each as it should be.</summary>
    public static Menu EveryType() => new(
        Parent("扫码拍照",
            Event(MenuButtonTypes.ScanCodePush, "扫码推事件", "scan_push"),
            Event(MenuButtonTypes.ScanCodeWaitMsg, "扫码等待", "scan_wait"),
            Event(MenuButtonTypes.PicSysPhoto, "拍照", "photo"),
            Event(MenuButtonTypes.PicPhotoOrAlbum, "拍照或相册", "photo_album"),
            Event(MenuButtonTypes.PicWeixin, "微信相册", "album")),
        Parent("服务",
            Click("今日歌曲", "V1001_TODAY_MUSIC"),
            View("搜索", "https://www.example.com/search?q=%E6%AD%8C"),
            Event(MenuButtonTypes.LocationSelect, "发送位置", "location"),
            MiniProgram("小程序", "wx286b93c14bbf93aa", "pages/lunar/index", "https://mp.weixin.qq.com/"),
            // An image in the sandbox account's library: the platform refuses a media_id the account does not have.
            Media("图片", Portal.Sandbox.Menus.SandboxMaterials.Image)),
        Parent("文章",
            Article("最新文章", "ARTICLE_ID1"),
            Article("会员文章", "ARTICLE_ID2", limited: true)));

    [Fact]
    public void A_menu_using_every_button_type_properly_has_no_problem() =>
        Assert.Empty(MenuRules.Check(EveryType()));

    [Theory]
    [MemberData(nameof(InvalidMenus.Names), MemberType = typeof(InvalidMenus))]
    public void Each_limit_is_reported_with_the_platforms_code_and_where(string rule)
    {
        var (menu, code, path) = InvalidMenus.Cases[rule];

        var problem = Assert.Single(MenuRules.Check(menu));

        Assert.Equal(code, problem.Code);
        Assert.Equal(path, problem.Path);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Theory]
    [InlineData("一二三四五A", true)]   // 5 Chinese characters (15 bytes) + 1 ASCII = 16 bytes
    [InlineData("一二三四五六", false)] // 18 bytes, though only 6 characters
    [InlineData("🍜🍜🍜🍜", true)]       // 4 emoji of 4 bytes each
    [InlineData("🍜🍜🍜🍜A", false)]
    [InlineData("ABCDEFGHIJKLMNOP", true)]
    public void Top_level_names_are_measured_in_utf8_bytes(string name, bool allowed)
    {
        var problems = MenuRules.Check(new Menu(Click(name, "k")));

        Assert.Equal(allowed, problems.Count == 0);
        if (!allowed)
            Assert.Equal(MenuErrorCodes.ButtonNameSize, Assert.Single(problems).Code);
    }

    [Theory]
    [InlineData(20, "", true)]     // 60 bytes
    [InlineData(20, "A", false)]   // 61 bytes
    [InlineData(14, "🍜🍜🍜🍜", true)] // 42 + 16 = 58 bytes
    public void Sub_button_names_allow_60_bytes(int chineseCharacters, string tail, bool allowed)
    {
        var menu = new Menu(Parent("菜单", Click(new string('汉', chineseCharacters) + tail, "k")));

        Assert.Equal(allowed, MenuRules.Check(menu).Count == 0);
    }

    [Fact]
    public void Keys_and_urls_count_bytes_too()
    {
        Assert.Empty(MenuRules.Check(new Menu(Click("点我", new string('键', 42) + "ab")))); // 128 bytes
        Assert.Equal(MenuErrorCodes.ButtonKeySize, Assert.Single(MenuRules.Check(new Menu(Click("点我", new string('键', 43))))).Code); // 129
    }

    [Fact]
    public void Every_problem_is_listed_in_menu_order_for_the_editor()
    {
        var menu = new Menu(Click("一二三四五六", ""), Parent("菜单", View("官网", "example.com")));

        var problems = MenuRules.Check(menu);

        Assert.Equal(
            [(MenuErrorCodes.ButtonNameSize, "button 1"), (MenuErrorCodes.ButtonKeySize, "button 1"), (MenuErrorCodes.SubButtonUrlDomain, "button 2, sub-button 1")],
            problems.Select(p => (p.Code, p.Path)));
    }

    [Theory]
    [InlineData(null, null, null, null, MenuErrorCodes.MatchRuleEmpty)]
    [InlineData(null, null, "广东", null, MenuErrorCodes.MatchRuleCountryMissing)]
    [InlineData(null, "中国", null, "广州", MenuErrorCodes.MatchRuleProvinceMissing)]
    [InlineData(null, null, null, "广州", MenuErrorCodes.MatchRuleCountryMissing)]
    [InlineData("2", null, null, null, 0)]
    [InlineData(null, "中国", "广东", "广州", 0)]
    public void A_match_rule_needs_a_condition_and_a_whole_region(string? sex, string? country, string? province, string? city, int code)
    {
        var problems = MenuRules.Check(new MatchRule { Sex = sex, Country = country, Province = province, City = city });

        Assert.Equal(code, problems.Count == 0 ? 0 : problems[0].Code);
    }
}
