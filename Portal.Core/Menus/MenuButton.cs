using System.Text.Json.Serialization;

namespace Portal.Core.Menus;

/// <summary>
/// One button of a custom menu: either a parent holding sub-buttons (no type of its own) or an action of
/// one of the <see cref="MenuButtonTypes"/>
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html).
/// The type is kept as the platform's string so that a button of a type Portal does not know still reads.
/// </summary>
public sealed record MenuButton
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>The value pushed back in the click or scan event.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary>The page a view button opens; for a mini-program button, the page old clients open instead.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("media_id")]
    public string? MediaId { get; init; }

    [JsonPropertyName("article_id")]
    public string? ArticleId { get; init; }

    [JsonPropertyName("appid")]
    public string? AppId { get; init; }

    [JsonPropertyName("pagepath")]
    public string? PagePath { get; init; }

    /// <summary>Always written, empty on a leaf, as the platform's own <c>menu/get</c> answers.</summary>
    [JsonPropertyName("sub_button")]
    public IReadOnlyList<MenuButton> SubButtons { get; init; } = [];

    [JsonIgnore]
    public bool IsParent => SubButtons.Count > 0;

    public static MenuButton Parent(string name, params MenuButton[] subButtons) => new() { Name = name, SubButtons = subButtons };

    public static MenuButton Click(string name, string key) => new() { Type = MenuButtonTypes.Click, Name = name, Key = key };

    public static MenuButton View(string name, string url) => new() { Type = MenuButtonTypes.View, Name = name, Url = url };

    /// <summary>A scan, photo or location button: like a click, it carries a key back in its event.</summary>
    public static MenuButton Event(string type, string name, string key) => new() { Type = type, Name = name, Key = key };

    public static MenuButton MiniProgram(string name, string appId, string pagePath, string fallbackUrl) =>
        new() { Type = MenuButtonTypes.MiniProgram, Name = name, AppId = appId, PagePath = pagePath, Url = fallbackUrl };

    public static MenuButton Media(string name, string mediaId) => new() { Type = MenuButtonTypes.MediaId, Name = name, MediaId = mediaId };

    public static MenuButton Article(string name, string articleId, bool limited = false) =>
        new() { Type = limited ? MenuButtonTypes.ArticleViewLimited : MenuButtonTypes.ArticleId, Name = name, ArticleId = articleId };
}
