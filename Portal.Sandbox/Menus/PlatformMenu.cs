using System.Text.Json.Serialization;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Menus;

/// <summary>A custom menu as it travels to and from the platform: <c>{"button":[…]}</c>.</summary>
public sealed record PlatformMenu
{
    [JsonPropertyName("button")]
    public IReadOnlyList<PlatformButton> Buttons { get; init; } = [];
}

/// <summary>
/// One button as the platform reads it. The sandbox keeps whatever the caller sent, type included, and judges
/// it with <see cref="PlatformMenuRules"/>.
/// </summary>
public sealed record PlatformButton
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("key")]
    public string? Key { get; init; }

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
    public IReadOnlyList<PlatformButton> SubButtons { get; init; } = [];
}

/// <summary>Who sees a conditional menu (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html).</summary>
public sealed record PlatformMatchRule
{
    [JsonPropertyName("tag_id"), JsonConverter(typeof(NumberOrStringConverter))]
    public string? TagId { get; init; }

    /// <summary>"1" male, "2" female.</summary>
    [JsonPropertyName("sex"), JsonConverter(typeof(NumberOrStringConverter))]
    public string? Sex { get; init; }

    /// <summary>"1" iOS, "2" Android, "3" others.</summary>
    [JsonPropertyName("client_platform_type"), JsonConverter(typeof(NumberOrStringConverter))]
    public string? ClientPlatformType { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("province")]
    public string? Province { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonIgnore]
    public bool IsEmpty =>
        string.IsNullOrEmpty(TagId) && string.IsNullOrEmpty(Sex) && string.IsNullOrEmpty(ClientPlatformType)
        && string.IsNullOrEmpty(Country) && string.IsNullOrEmpty(Province) && string.IsNullOrEmpty(City) && string.IsNullOrEmpty(Language);
}

/// <summary>A conditional menu with the id the platform gave it.</summary>
public sealed record PlatformConditionalMenu(long MenuId, PlatformMenu Menu, PlatformMatchRule Rule);

/// <summary>What <c>menu/get</c> tells: the default menu and the conditional menus, oldest first.</summary>
public sealed record PublishedMenus(PlatformMenu? Default, long? DefaultMenuId, IReadOnlyList<PlatformConditionalMenu> Conditional);
