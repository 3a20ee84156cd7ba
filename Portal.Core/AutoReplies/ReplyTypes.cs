namespace Portal.Core.AutoReplies;

/// <summary>The reply types the message server can send, by their stored names (see ReplyJson).</summary>
public static class ReplyTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Voice = "voice";
    public const string Video = "video";
    public const string Music = "music";
    public const string News = "news";
    public const string TransferCustomerService = "transfer_customer_service";

    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        (Text, "Text"),
        (Image, "Image"),
        (Voice, "Voice"),
        (Video, "Video"),
        (Music, "Music"),
        (News, "Article cards"),
        (TransferCustomerService, "Hand to customer service"),
    ];
}
