using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>
/// The stored form of a reply (in auto-reply rules and the outbox): a small JSON object with a
/// <c>type</c> and the fields of that type, e.g. <c>{"type":"text","content":"Hi"}</c>.
/// </summary>
public static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(ToDto(reply), Options);

    /// <summary>Reads a stored reply; a malformed one throws <see cref="FormatException"/> naming the problem.</summary>
    public static Reply Deserialize(string json)
    {
        ReplyDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<ReplyDto>(json, Options);
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
    public static string TypeName(Reply reply) => ToDto(reply).Type;

    private static ReplyDto ToDto(Reply reply) => reply switch
    {
        TextReply r => new ReplyDto("text") { Content = r.Content },
        ImageReply r => new ReplyDto("image") { MediaId = r.MediaId },
        VoiceReply r => new ReplyDto("voice") { MediaId = r.MediaId },
        VideoReply r => new ReplyDto("video") { MediaId = r.MediaId, Title = r.Title, Description = r.Description },
        MusicReply r => new ReplyDto("music") { ThumbMediaId = r.ThumbMediaId, Title = r.Title, Description = r.Description, MusicUrl = r.MusicUrl, HqMusicUrl = r.HQMusicUrl },
        NewsReply r => new ReplyDto("news") { Articles = [.. r.Articles] },
        TransferCustomerServiceReply r => new ReplyDto("transfer_customer_service") { KfAccount = r.KfAccount },
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
