namespace Portal.Core.Menus;

/// <summary>
/// The platform's answers about custom menus. The 400xx codes are from the global return code page
/// (https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html); the
/// conditional-menu codes are from the same page and the forum threads quoted beside each.
/// </summary>
public static class MenuErrorCodes
{
    /// <summary>invalid button size: a menu needs one to three top-level buttons.</summary>
    public const int ButtonCount = 40016;

    /// <summary>invalid button type: unknown, missing on a leaf, or set on a button that has sub-buttons.</summary>
    public const int ButtonType = 40017;

    /// <summary>invalid button name size: top-level names are 1 to 16 bytes of UTF-8.</summary>
    public const int ButtonNameSize = 40018;

    /// <summary>invalid button key size: 1 to 128 bytes where the type needs a key.</summary>
    public const int ButtonKeySize = 40019;

    /// <summary>invalid button url size: 1 to 1024 bytes where the type needs a url.</summary>
    public const int ButtonUrlSize = 40020;

    /// <summary>invalid sub menu level: sub-buttons cannot have sub-buttons.</summary>
    public const int SubMenuLevel = 40022;

    /// <summary>invalid sub button size: at most five sub-buttons.</summary>
    public const int SubButtonCount = 40023;

    /// <summary>invalid sub button type.</summary>
    public const int SubButtonType = 40024;

    /// <summary>invalid sub button name size: sub-button names are 1 to 60 bytes of UTF-8.</summary>
    public const int SubButtonNameSize = 40025;

    /// <summary>invalid sub button key size.</summary>
    public const int SubButtonKeySize = 40026;

    /// <summary>invalid sub button url size.</summary>
    public const int SubButtonUrlSize = 40027;

    /// <summary>invalid sub button url domain: the link is not an http(s) address the platform accepts.</summary>
    public const int SubButtonUrlDomain = 40054;

    /// <summary>invalid button url domain.</summary>
    public const int ButtonUrlDomain = 40055;

    /// <summary>invalid media_id: a media_id button without one, or one that does not exist.</summary>
    public const int InvalidMediaId = 40007;

    /// <summary>invalid weapp pagepath (https://blog.csdn.net/VLilyV/article/details/82351076).</summary>
    public const int MiniProgramPagePath = 40165;

    /// <summary>invalid weapp appid (https://www.cnblogs.com/syeacfpl/p/14803700.html).</summary>
    public const int MiniProgramAppId = 40166;

    /// <summary>menu no exist: <c>menu/get</c> before any menu was published.</summary>
    public const int MenuNotFound = 46003;

    /// <summary>No conditional menu has this menuid.</summary>
    public const int ConditionalMenuNotFound = 65301;

    /// <summary>trymatch: no such user.</summary>
    public const int NoSuchUser = 65302;

    /// <summary>
    /// "there is no selfmenu, please create selfmenu first": a conditional menu needs a default menu
    /// (https://developers.weixin.qq.com/community/develop/doc/000ac60cae0200a26f3a8e23e5b400).
    /// </summary>
    public const int NoDefaultMenu = 65303;

    /// <summary>"match rule empty" (https://developers.weixin.qq.com/community/develop/doc/000c822f56834057de37859c25b000).</summary>
    public const int MatchRuleEmpty = 65304;

    /// <summary>Too many conditional menus.</summary>
    public const int ConditionalMenuLimit = 65305;

    /// <summary>A match rule gives a province or a city without a country.</summary>
    public const int MatchRuleCountryMissing = 65310;

    /// <summary>A match rule gives a city without a province.</summary>
    public const int MatchRuleProvinceMissing = 65311;

    /// <summary>
    /// The platform now refuses new match rules on sex, region or language
    /// (https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu).
    /// </summary>
    public const int MatchRulePrivate = 65320;
}
