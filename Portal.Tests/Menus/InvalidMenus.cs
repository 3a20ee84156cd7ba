using Portal.Core.Menus;
using Portal.Tests.Platform;
using static Portal.Core.Menus.MenuButton;

namespace Portal.Tests.Menus;

/// <summary>
/// One menu per limit rule, each otherwise valid, with the code the platform answers and where the problem
/// is. Used against <see cref="MenuRules"/> directly and against the sandbox over HTTP.
/// </summary>
public static class InvalidMenus
{
    private static readonly MenuButton Ok = Click("今日歌曲", "V1001_TODAY_MUSIC");
    private static readonly MenuButton OkSub = View("搜索", "https://www.example.com/");

    /// <summary>The second button holds two valid sub-buttons, then <paramref name="third"/> as sub-button 3.</summary>
    private static Menu WithThirdSub(MenuButton third) => new(Ok, Parent("菜单", OkSub, OkSub, third));

    public static readonly IReadOnlyDictionary<string, (Menu Menu, int Code, string Path)> Cases = new Dictionary<string, (Menu, int, string)>
    {
        ["no buttons"] = (new Menu(), MenuErrorCodes.ButtonCount, ""),
        ["four buttons"] = (new Menu(Ok, Ok, Ok, Ok), MenuErrorCodes.ButtonCount, ""),
        ["top-level name of 17 bytes"] = (new Menu(Ok, Click("一二三四五AB", "k")), MenuErrorCodes.ButtonNameSize, "button 2"),
        ["top-level name missing"] = (new Menu(Click("", "k")), MenuErrorCodes.ButtonNameSize, "button 1"),
        ["sub-button name of 61 bytes"] = (WithThirdSub(Click(new string('汉', 20) + "A", "k")), MenuErrorCodes.SubButtonNameSize, "button 2, sub-button 3"),
        ["six sub-buttons"] = (new Menu(Ok, Parent("菜单", OkSub, OkSub, OkSub, OkSub, OkSub, OkSub)), MenuErrorCodes.SubButtonCount, "button 2"),
        ["unknown type"] = (new Menu(Event("tap", "按钮", "k")), MenuErrorCodes.ButtonType, "button 1"),
        ["leaf without a type"] = (new Menu(Ok, new MenuButton { Name = "空" }), MenuErrorCodes.ButtonType, "button 2"),
        ["parent with a type of its own"] = (new Menu(Ok, Parent("菜单", OkSub) with { Type = "click", Key = "k" }), MenuErrorCodes.ButtonType, "button 2"),
        ["sub-button of unknown type"] = (WithThirdSub(Event("tap", "按钮", "k")), MenuErrorCodes.SubButtonType, "button 2, sub-button 3"),
        ["sub-button with sub-buttons"] = (WithThirdSub(Parent("更多", OkSub)), MenuErrorCodes.SubMenuLevel, "button 2, sub-button 3"),
        ["click without a key"] = (new Menu(Click("点我", "")), MenuErrorCodes.ButtonKeySize, "button 1"),
        ["scan button without a key"] = (new Menu(Event(MenuButtonTypes.ScanCodePush, "扫码", "")), MenuErrorCodes.ButtonKeySize, "button 1"),
        ["key of 129 bytes"] = (new Menu(Click("点我", new string('k', 129))), MenuErrorCodes.ButtonKeySize, "button 1"),
        ["sub-button key of 129 bytes"] = (WithThirdSub(Click("点我", new string('k', 129))), MenuErrorCodes.SubButtonKeySize, "button 2, sub-button 3"),
        ["view without a url"] = (new Menu(View("官网", "")), MenuErrorCodes.ButtonUrlSize, "button 1"),
        ["url of 1025 bytes"] = (new Menu(View("官网", "https://example.com/" + new string('a', 1005))), MenuErrorCodes.ButtonUrlSize, "button 1"),
        ["sub-button url of 1025 bytes"] = (WithThirdSub(View("官网", "https://example.com/" + new string('a', 1005))), MenuErrorCodes.SubButtonUrlSize, "button 2, sub-button 3"),
        ["url that is not a web address"] = (new Menu(View("官网", "www.example.com")), MenuErrorCodes.ButtonUrlDomain, "button 1"),
        ["sub-button url that is not a web address"] = (WithThirdSub(View("官网", "ftp://example.com/")), MenuErrorCodes.SubButtonUrlDomain, "button 2, sub-button 3"),
        ["mini-program without appid"] = (new Menu(MiniProgram("小程序", "", "pages/index/index", "https://example.com/")), MenuErrorCodes.MiniProgramAppId, "button 1"),
        ["mini-program without page path"] = (new Menu(MiniProgram("小程序", "wx286b93c14bbf93aa", "", "https://example.com/")), MenuErrorCodes.MiniProgramPagePath, "button 1"),
        ["mini-program without fallback url"] = (new Menu(MiniProgram("小程序", "wx286b93c14bbf93aa", "pages/index/index", "")), MenuErrorCodes.ButtonUrlSize, "button 1"),
        ["media button without media_id"] = (new Menu(Media("图片", "")), MenuErrorCodes.InvalidMediaId, "button 1"),
        ["article button without article_id"] = (WithThirdSub(Article("文章", "")), MenuErrorCodes.InvalidMediaId, "button 2, sub-button 3"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];
}
