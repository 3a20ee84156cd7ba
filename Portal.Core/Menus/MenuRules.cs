using System.Text;
using Portal.Core.Links;
using static Portal.Core.Menus.MenuErrorCodes;

namespace Portal.Core.Menus;

/// <summary>
/// The platform's limits on a custom menu, in one place: the admin checks a menu with them as the operator
/// types, and the sandbox answers with the first problem's code as the platform does. Sizes are bytes of
/// UTF-8 (a Chinese character is 3 bytes, an emoji 4), the unit the platform counts in
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html).
/// </summary>
public static class MenuRules
{
    public const int MaxButtons = 3;
    public const int MaxSubButtons = 5;
    public const int MaxNameBytes = 16;

    /// <summary>The current documentation says 60; older pages said 40, and 60 is what the platform accepts.</summary>
    public const int MaxSubNameBytes = 60;
    public const int MaxKeyBytes = 128;
    public const int MaxUrlBytes = 1024;

    /// <summary>The codes differ between a top-level button and a sub-button, though the rules are the same.</summary>
    private sealed record Level(string Noun, int Type, int NameSize, int MaxName, int KeySize, int UrlSize, int UrlDomain);

    private static readonly Level Top = new("button", ButtonType, ButtonNameSize, MaxNameBytes, ButtonKeySize, ButtonUrlSize, ButtonUrlDomain);
    private static readonly Level Sub = new("sub-button", SubButtonType, SubButtonNameSize, MaxSubNameBytes, SubButtonKeySize, SubButtonUrlSize, SubButtonUrlDomain);

    /// <summary>Every problem of <paramref name="menu"/>, in the order the buttons appear; empty when it can be published.</summary>
    public static IReadOnlyList<MenuProblem> Check(Menu menu)
    {
        var problems = new List<MenuProblem>();
        if (menu.Buttons.Count is < 1 or > MaxButtons)
            problems.Add(new(ButtonCount, $"A menu has 1 to {MaxButtons} buttons; this one has {menu.Buttons.Count}.", ""));
        for (var i = 0; i < menu.Buttons.Count; i++)
            CheckTopLevel(menu.Buttons[i], $"button {i + 1}", problems);
        return problems;
    }

    /// <summary>The menu's problems, then the rule's.</summary>
    public static IReadOnlyList<MenuProblem> Check(Menu menu, MatchRule rule) => [.. Check(menu), .. Check(rule)];

    public static IReadOnlyList<MenuProblem> Check(MatchRule rule)
    {
        var problems = new List<MenuProblem>();
        if (rule.IsEmpty)
            problems.Add(new(MatchRuleEmpty, "A conditional menu needs at least one condition (a tag, sex, phone system, region or language).", "match rule"));
        // The platform's 65310 is "a province or a city is given, so the country cannot be empty".
        if ((!string.IsNullOrEmpty(rule.Province) || !string.IsNullOrEmpty(rule.City)) && string.IsNullOrEmpty(rule.Country))
            problems.Add(new(MatchRuleCountryMissing, "A province or a city needs its country.", "match rule"));
        if (!string.IsNullOrEmpty(rule.City) && string.IsNullOrEmpty(rule.Province))
            problems.Add(new(MatchRuleProvinceMissing, "A city needs its province.", "match rule"));
        return problems;
    }

    /// <summary>Bytes of UTF-8, the platform's measure of every length here.</summary>
    public static int ByteCount(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value);

    private static void CheckTopLevel(MenuButton button, string path, List<MenuProblem> problems)
    {
        CheckName(button, path, Top, problems);
        if (!button.IsParent)
        {
            CheckAction(button, path, Top, problems);
            return;
        }
        if (!string.IsNullOrEmpty(button.Type))
            problems.Add(new(ButtonType, "A button with sub-buttons only opens them: it has no type of its own.", path));
        if (button.SubButtons.Count > MaxSubButtons)
            problems.Add(new(SubButtonCount, $"A button has at most {MaxSubButtons} sub-buttons; this one has {button.SubButtons.Count}.", path));
        for (var i = 0; i < button.SubButtons.Count; i++)
        {
            var sub = button.SubButtons[i];
            var subPath = $"{path}, sub-button {i + 1}";
            CheckName(sub, subPath, Sub, problems);
            if (sub.IsParent)
                problems.Add(new(SubMenuLevel, "Menus go two levels deep: a sub-button cannot have sub-buttons.", subPath));
            else
                CheckAction(sub, subPath, Sub, problems);
        }
    }

    private static void CheckName(MenuButton button, string path, Level level, List<MenuProblem> problems)
    {
        var bytes = ByteCount(button.Name);
        if (bytes == 0)
            problems.Add(new(level.NameSize, $"A {level.Noun} needs a name.", path));
        else if (bytes > level.MaxName)
            problems.Add(new(level.NameSize, $"A {level.Noun} name is at most {level.MaxName} bytes; \"{button.Name}\" is {bytes} (a Chinese character takes 3, an emoji 4).", path));
    }

    private static void CheckAction(MenuButton button, string path, Level level, List<MenuProblem> problems)
    {
        var type = button.Type;
        if (string.IsNullOrEmpty(type))
        {
            problems.Add(new(level.Type, $"A {level.Noun} without sub-buttons needs a type (click, view, miniprogram…).", path));
            return;
        }
        if (!MenuButtonTypes.All.Contains(type))
        {
            problems.Add(new(level.Type, $"\"{type}\" is not a button type the platform knows.", path));
            return;
        }
        if (MenuButtonTypes.KeyTypes.Contains(type) || button.Key is not null)
            CheckKey(button, path, level, problems);
        if (type is MenuButtonTypes.View or MenuButtonTypes.MiniProgram || button.Url is not null)
            CheckUrl(button, path, level, problems);
        switch (type)
        {
            case MenuButtonTypes.MiniProgram when string.IsNullOrEmpty(button.AppId):
                problems.Add(new(MiniProgramAppId, "A mini-program button needs the mini-program's appid.", path));
                break;
            case MenuButtonTypes.MiniProgram when string.IsNullOrEmpty(button.PagePath):
                problems.Add(new(MiniProgramPagePath, "A mini-program button needs the page path to open.", path));
                break;
            case MenuButtonTypes.MediaId or MenuButtonTypes.ViewLimited when string.IsNullOrEmpty(button.MediaId):
                problems.Add(new(InvalidMediaId, "A media button needs the media_id of a permanent material.", path));
                break;
            // The platform documents no separate code for a missing article_id; like a missing media_id it
            // names a material that is not there.
            case MenuButtonTypes.ArticleId or MenuButtonTypes.ArticleViewLimited when string.IsNullOrEmpty(button.ArticleId):
                problems.Add(new(InvalidMediaId, "An article button needs the article_id of a published article.", path));
                break;
        }
    }

    private static void CheckKey(MenuButton button, string path, Level level, List<MenuProblem> problems)
    {
        var bytes = ByteCount(button.Key);
        if (bytes == 0)
            problems.Add(new(level.KeySize, $"A {button.Type} button needs a key, which comes back in its event.", path));
        else if (bytes > MaxKeyBytes)
            problems.Add(new(level.KeySize, $"A key is at most {MaxKeyBytes} bytes; this one is {bytes}.", path));
    }

    private static void CheckUrl(MenuButton button, string path, Level level, List<MenuProblem> problems)
    {
        var bytes = ByteCount(button.Url);
        if (bytes == 0)
            problems.Add(new(level.UrlSize, $"A {button.Type} button needs a url.", path));
        else if (bytes > MaxUrlBytes)
            problems.Add(new(level.UrlSize, $"A url is at most {MaxUrlBytes} bytes; this one is {bytes}.", path));
        // One allow-list with every stored link (view buttons and a mini-program's fallback alike): the phone
        // opens this address, so javascript:, data: and whitespace tricks are refused here, not only by WeChat.
        else if (!LinkAllowList.IsWebAddress(button.Url))
            problems.Add(new(level.UrlDomain, $"\"{button.Url}\" is not a web address: it must start with http:// or https://.", path));
    }
}
