using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>A reply in a few words, for lists and the rule tester.</summary>
public static class ReplySummary
{
    public static string Kind(Reply reply) => reply switch
    {
        TextReply => "Text",
        ImageReply => "Image",
        VoiceReply => "Voice",
        VideoReply => "Video",
        MusicReply => "Music",
        NewsReply => "Articles",
        TransferCustomerServiceReply => "Hand to customer service",
        _ => reply.GetType().Name,
    };

    public static string Describe(Reply reply, int maxLength = 80) => reply switch
    {
        TextReply t => Shorten(t.Content, maxLength),
        ImageReply i => $"media {i.MediaId}",
        VoiceReply v => $"media {v.MediaId}",
        VideoReply v => v.Title is { Length: > 0 } title ? $"“{Shorten(title, maxLength)}” (media {v.MediaId})" : $"media {v.MediaId}",
        MusicReply m => m.Title is { Length: > 0 } title ? $"“{Shorten(title, maxLength)}”" : m.MusicUrl ?? $"thumbnail {m.ThumbMediaId}",
        NewsReply n => n.Articles.Count == 1 ? $"“{Shorten(n.Articles[0].Title, maxLength)}”" : $"{n.Articles.Count} articles, first “{Shorten(n.Articles[0].Title, maxLength)}”",
        TransferCustomerServiceReply k => k.KfAccount is { Length: > 0 } agent ? $"to {agent}" : "to any agent",
        _ => "",
    };

    private static string Shorten(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, max - 1), "…");
    }
}
