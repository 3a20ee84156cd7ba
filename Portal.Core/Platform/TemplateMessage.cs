using System.Text.Json.Serialization;

namespace Portal.Core.Platform;

/// <summary>
/// A template message: one of the account's templates filled in for a follower
/// (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html).
/// Since May 2023 the platform drops <c>first</c>, <c>remark</c> and colours and cuts keyword values to
/// 20 characters; they are still accepted on the wire.
/// </summary>
public sealed record TemplateMessage
{
    [JsonPropertyName("touser")]
    public required string ToUser { get; init; }

    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    /// <summary>The page the card opens; ignored when <see cref="MiniProgram"/> is set and WeChat can open it.</summary>
    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonPropertyName("miniprogram")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TemplateMiniProgram? MiniProgram { get; init; }

    /// <summary>The platform sends one message per follower and client_msg_id within ten minutes: a repeat is dropped.</summary>
    [JsonPropertyName("client_msg_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientMsgId { get; init; }

    /// <summary>The template's keywords (<c>{{keyword1.DATA}}</c> is the key <c>keyword1</c>).</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, TemplateValue> Data { get; init; }
}

public sealed record TemplateValue(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("color"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Color = null);

public sealed record TemplateMiniProgram(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("pagepath")] string PagePath);

/// <summary>One of the account's templates, as <c>get_all_private_template</c> lists it.</summary>
public sealed record TemplateInfo
{
    [JsonPropertyName("template_id")]
    public string TemplateId { get; init; } = "";

    [JsonPropertyName("title")]
    public string Title { get; init; } = "";

    [JsonPropertyName("primary_industry")]
    public string? PrimaryIndustry { get; init; }

    [JsonPropertyName("deputy_industry")]
    public string? DeputyIndustry { get; init; }

    /// <summary>The text with placeholders, e.g. <c>{{first.DATA}}\n积分：{{keyword1.DATA}}</c>.</summary>
    [JsonPropertyName("content")]
    public string Content { get; init; } = "";

    [JsonPropertyName("example")]
    public string? Example { get; init; }
}
