using System.Text;

namespace Portal.Sandbox.Menus;

/// <summary>
/// The platform's rules for custom menus, as the platform documents them: the sandbox's own table, written
/// from the protocol notes (A7) and the pages cited below, not from Portal's checks. It is kept apart on
/// purpose: a test of Portal's menu client against a sandbox that judged with Portal's own rules could never
/// find a place where Portal's rules and the platform's differ.
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html,
/// https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html, and the
/// global return code page for the codes.) Lengths are bytes of UTF-8.
/// </summary>
public static class PlatformMenuRules
{
    public const int MaxButtons = 3;
    public const int MaxSubButtons = 5;
    public const int MaxNameBytes = 16;
    public const int MaxSubNameBytes = 60;
    public const int MaxKeyBytes = 128;
    public const int MaxUrlBytes = 1024;

    /// <summary>What each button type needs besides its name.</summary>
    public enum Needs
    {
        Key,
        Url,
        MiniProgram,
        MediaId,
        ArticleId,
    }

    /// <summary>The button types and the field each one needs.</summary>
    public static readonly IReadOnlyDictionary<string, Needs> Types = new Dictionary<string, Needs>(StringComparer.Ordinal)
    {
        ["click"] = Needs.Key,
        ["scancode_push"] = Needs.Key,
        ["scancode_waitmsg"] = Needs.Key,
        ["pic_sysphoto"] = Needs.Key,
        ["pic_photo_or_album"] = Needs.Key,
        ["pic_weixin"] = Needs.Key,
        ["location_select"] = Needs.Key,
        ["view"] = Needs.Url,
        ["miniprogram"] = Needs.MiniProgram,
        ["media_id"] = Needs.MediaId,
        ["view_limited"] = Needs.MediaId,
        ["article_id"] = Needs.ArticleId,
        ["article_view_limited"] = Needs.ArticleId,
    };

    /// <summary>The codes, a top-level button's and a sub-button's where they differ.</summary>
    public static class Codes
    {
        public const int ButtonCount = 40016;
        public const int ButtonType = 40017;
        public const int ButtonNameSize = 40018;
        public const int ButtonKeySize = 40019;
        public const int ButtonUrlSize = 40020;
        public const int SubMenuLevel = 40022;
        public const int SubButtonCount = 40023;
        public const int SubButtonType = 40024;
        public const int SubButtonNameSize = 40025;
        public const int SubButtonKeySize = 40026;
        public const int SubButtonUrlSize = 40027;
        public const int SubButtonUrlDomain = 40054;
        public const int ButtonUrlDomain = 40055;

        /// <summary>A media_id button without one, or naming a material the account does not have; also a missing article_id.</summary>
        public const int InvalidMediaId = 40007;
        public const int MiniProgramPagePath = 40165;
        public const int MiniProgramAppId = 40166;
        public const int MenuNotFound = 46003;
        public const int ConditionalMenuNotFound = 65301;
        public const int NoSuchUser = 65302;
        public const int NoDefaultMenu = 65303;
        public const int MatchRuleEmpty = 65304;
        public const int MatchRuleCountryMissing = 65310;
        public const int MatchRuleProvinceMissing = 65311;
    }

    /// <summary>The platform's own wording for each code, which SDKs and forum threads quote.</summary>
    public static string Message(int code) => code switch
    {
        Codes.ButtonCount => "invalid button size",
        Codes.ButtonType => "invalid button type",
        Codes.ButtonNameSize => "invalid button name size",
        Codes.ButtonKeySize => "invalid button key size",
        Codes.ButtonUrlSize => "invalid button url size",
        Codes.SubMenuLevel => "invalid sub menu level",
        Codes.SubButtonCount => "invalid sub button size",
        Codes.SubButtonType => "invalid sub button type",
        Codes.SubButtonNameSize => "invalid sub button name size",
        Codes.SubButtonKeySize => "invalid sub button key size",
        Codes.SubButtonUrlSize => "invalid sub button url size",
        Codes.SubButtonUrlDomain => "invalid sub button url domain",
        Codes.ButtonUrlDomain => "invalid button url domain",
        Codes.InvalidMediaId => "invalid media_id",
        Codes.MiniProgramPagePath => "invalid weapp pagepath",
        Codes.MiniProgramAppId => "invalid weapp appid",
        Codes.MenuNotFound => "menu no exist",
        Codes.ConditionalMenuNotFound => "conditional menu not exist",
        Codes.NoSuchUser => "no such user",
        Codes.NoDefaultMenu => "there is no selfmenu, please create selfmenu first",
        Codes.MatchRuleEmpty => "match rule empty",
        Codes.MatchRuleCountryMissing => "country is empty",
        Codes.MatchRuleProvinceMissing => "province is empty",
        _ => "invalid menu",
    };

    /// <summary>One refusal: the code and where in the menu (<c>button 2, sub-button 3</c>), as the platform's hint names it.</summary>
    public sealed record Refusal(int Code, string Where);

    private sealed record Level(int Type, int NameSize, int MaxName, int KeySize, int UrlSize, int UrlDomain);

    private static readonly Level Top = new(Codes.ButtonType, Codes.ButtonNameSize, MaxNameBytes, Codes.ButtonKeySize, Codes.ButtonUrlSize, Codes.ButtonUrlDomain);
    private static readonly Level Sub = new(Codes.SubButtonType, Codes.SubButtonNameSize, MaxSubNameBytes, Codes.SubButtonKeySize, Codes.SubButtonUrlSize, Codes.SubButtonUrlDomain);

    /// <summary>
    /// The first thing the platform refuses in <paramref name="menu"/>, or null. The platform answers one
    /// problem at a time; <paramref name="materials"/> is the account's library, which media_id buttons must name.
    /// </summary>
    public static Refusal? Judge(PlatformMenu menu, IReadOnlySet<string> materials)
    {
        if (menu.Buttons.Count is < 1 or > MaxButtons)
            return new(Codes.ButtonCount, "");
        for (var i = 0; i < menu.Buttons.Count; i++)
        {
            var button = menu.Buttons[i];
            var where = $"button {i + 1}";
            if (Name(button, where, Top) is { } badName)
                return badName;
            if (button.SubButtons.Count == 0)
            {
                if (Action(button, where, Top, materials) is { } badAction)
                    return badAction;
                continue;
            }
            // A button with sub-buttons only opens them.
            if (!string.IsNullOrEmpty(button.Type))
                return new(Codes.ButtonType, where);
            if (button.SubButtons.Count > MaxSubButtons)
                return new(Codes.SubButtonCount, where);
            for (var j = 0; j < button.SubButtons.Count; j++)
            {
                var sub = button.SubButtons[j];
                var subWhere = $"{where}, sub-button {j + 1}";
                if (Name(sub, subWhere, Sub) is { } badSubName)
                    return badSubName;
                if (sub.SubButtons.Count > 0)
                    return new(Codes.SubMenuLevel, subWhere);
                if (Action(sub, subWhere, Sub, materials) is { } badSubAction)
                    return badSubAction;
            }
        }
        return null;
    }

    /// <summary>The first thing the platform refuses in a conditional menu's rule, or null.</summary>
    public static Refusal? Judge(PlatformMatchRule rule)
    {
        if (rule.IsEmpty)
            return new(Codes.MatchRuleEmpty, "match rule");
        if ((!string.IsNullOrEmpty(rule.Province) || !string.IsNullOrEmpty(rule.City)) && string.IsNullOrEmpty(rule.Country))
            return new(Codes.MatchRuleCountryMissing, "match rule");
        if (!string.IsNullOrEmpty(rule.City) && string.IsNullOrEmpty(rule.Province))
            return new(Codes.MatchRuleProvinceMissing, "match rule");
        return null;
    }

    private static int Bytes(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value);

    private static Refusal? Name(PlatformButton button, string where, Level level) =>
        Bytes(button.Name) is 0 || Bytes(button.Name) > level.MaxName ? new(level.NameSize, where) : null;

    private static Refusal? Action(PlatformButton button, string where, Level level, IReadOnlySet<string> materials)
    {
        if (button.Type is null || !Types.TryGetValue(button.Type, out var needs))
            return new(level.Type, where);
        if (needs == Needs.Key || button.Key is not null)
        {
            if (Bytes(button.Key) is 0 or > MaxKeyBytes)
                return new(level.KeySize, where);
        }
        if (needs is Needs.Url or Needs.MiniProgram || button.Url is not null)
        {
            if (Bytes(button.Url) is 0 or > MaxUrlBytes)
                return new(level.UrlSize, where);
            if (!IsWebAddress(button.Url!))
                return new(level.UrlDomain, where);
        }
        return needs switch
        {
            Needs.MiniProgram when string.IsNullOrEmpty(button.AppId) => new(Codes.MiniProgramAppId, where),
            Needs.MiniProgram when string.IsNullOrEmpty(button.PagePath) => new(Codes.MiniProgramPagePath, where),
            Needs.MediaId when string.IsNullOrEmpty(button.MediaId) || !materials.Contains(button.MediaId) => new(Codes.InvalidMediaId, where),
            Needs.ArticleId when string.IsNullOrEmpty(button.ArticleId) => new(Codes.InvalidMediaId, where),
            _ => null,
        };
    }

    /// <summary>The platform opens only absolute http and https addresses with a host.</summary>
    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
        && parsed.Host.Length > 0
        && !url.Any(char.IsWhiteSpace);
}
