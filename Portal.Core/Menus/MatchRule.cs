using System.Text.Json.Serialization;
using Portal.Core.Platform;

namespace Portal.Core.Menus;

/// <summary>
/// Who sees a conditional menu. Every field left empty matches anyone; at least one must be set
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html).
/// The platform now refuses new rules on sex, region or language (errcode 65320,
/// https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu); they are kept
/// because older menus carry them and the sandbox still matches on them.
/// </summary>
public sealed record MatchRule
{
    [JsonPropertyName("tag_id"), JsonConverter(typeof(LenientStringConverter))]
    public string? TagId { get; init; }

    /// <summary>"1" male, "2" female.</summary>
    [JsonPropertyName("sex"), JsonConverter(typeof(LenientStringConverter))]
    public string? Sex { get; init; }

    /// <summary>"1" iOS, "2" Android, "3" others.</summary>
    [JsonPropertyName("client_platform_type"), JsonConverter(typeof(LenientStringConverter))]
    public string? ClientPlatformType { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>Needs <see cref="Country"/>.</summary>
    [JsonPropertyName("province")]
    public string? Province { get; init; }

    /// <summary>Needs <see cref="Province"/>.</summary>
    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>The client's language, e.g. zh_CN, zh_TW, en.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonIgnore]
    public bool IsEmpty =>
        string.IsNullOrEmpty(TagId) && string.IsNullOrEmpty(Sex) && string.IsNullOrEmpty(ClientPlatformType)
        && string.IsNullOrEmpty(Country) && string.IsNullOrEmpty(Province) && string.IsNullOrEmpty(City) && string.IsNullOrEmpty(Language);
}
