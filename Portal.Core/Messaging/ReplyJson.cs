using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>
/// The stored form of a reply (in auto-reply rules and the outbox): a small JSON object with a
/// <c>type</c> and the fields of that type, e.g. <c>{"type":"text","content":"Hi"}</c>.
/// </summary>
public static partial class ReplyJson
{
    // Generated at build time: every answered message stores its reply, and the reflection-based serializer
    // was a visible share of the webhook's CPU under load.
    private static readonly JsonTypeInfo<ReplyDto> Dto = StoredForm.Default.ReplyDto;

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(ToDto(reply), Dto);

    /// <summary>Reads a stored reply; a malformed one throws <see cref="FormatException"/> naming the problem.</summary>
    public static Reply Deserialize(string json)
    {
        ReplyDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, Dto);
        }
        catch (JsonException e)
        {
            throw new FormatException("The reply is not valid JSON.", e);
        }
        if (dto is null)
            throw new FormatException("The reply is empty.");
        try
        {
            return FromDto(dto);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The {dto.Type} reply is incomplete: {e.Message}", e);
        }
    }

    /// <summary>The reply's type as WeChat names it, for logs and the message log.</summary>
    public static string TypeName(Reply reply) => reply switch
    {
        TextReply => "text",
        ImageReply => "image",
        VoiceReply => "voice",
        VideoReply => "video",
        MusicReply => "music",
        NewsReply => "news",
        TransferCustomerServiceReply => "transfer_customer_service",
        _ => throw new ArgumentException($"No stored form for {reply.GetType().Name}.", nameof(reply)),
    };

    private static ReplyDto ToDto(Reply reply) => reply switch
    {
        TextReply r => new ReplyDto(TypeName(r)) { Content = r.Content },
        ImageReply r => new ReplyDto(TypeName(r)) { MediaId = r.MediaId },
        VoiceReply r => new ReplyDto(TypeName(r)) { MediaId = r.MediaId },
        VideoReply r => new ReplyDto(TypeName(r)) { MediaId = r.MediaId, Title = r.Title, Description = r.Description },
        MusicReply r => new ReplyDto(TypeName(r)) { ThumbMediaId = r.ThumbMediaId, Title = r.Title, Description = r.Description, MusicUrl = r.MusicUrl, HqMusicUrl = r.HQMusicUrl },
        NewsReply r => new ReplyDto(TypeName(r)) { Articles = [.. r.Articles] },
        TransferCustomerServiceReply r => new ReplyDto(TypeName(r)) { KfAccount = r.KfAccount },
        _ => throw new ArgumentException($"No stored form for {reply.GetType().Name}.", nameof(reply)),
    };

    private static Reply FromDto(ReplyDto d) => d.Type switch
    {
        "text" => new TextReply(Required(d.Content, "content")),
        "image" => new ImageReply(Required(d.MediaId, "mediaId")),
        "voice" => new VoiceReply(Required(d.MediaId, "mediaId")),
        "video" => new VideoReply(Required(d.MediaId, "mediaId"), d.Title, d.Description),
        "music" => new MusicReply(Required(d.ThumbMediaId, "thumbMediaId"), d.Title, d.Description, d.MusicUrl, d.HqMusicUrl),
        "news" => new NewsReply(d.Articles is { Count: > 0 } a ? a : throw new ArgumentException("articles are missing")),
        "transfer_customer_service" => new TransferCustomerServiceReply(d.KfAccount),
        _ => throw new FormatException($"Unknown reply type '{d.Type}'."),
    };

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{field} is missing") : value;

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(ReplyDto))]
    private sealed partial class StoredForm : JsonSerializerContext;

    private sealed record ReplyDto(string Type)
    {
        public string? Content { get; init; }
        public string? MediaId { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string? MusicUrl { get; init; }
        public string? HqMusicUrl { get; init; }
        public string? ThumbMediaId { get; init; }
        public string? KfAccount { get; init; }
        public List<NewsArticle>? Articles { get; init; }
    }
}
