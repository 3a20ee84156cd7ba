namespace Portal.Sandbox.Messaging;

/// <summary>
/// The platform's rules for customer-service messages
/// (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html and
/// the protocol notes, A8 and A10): the message types it sends, one article per news message, and the
/// 48-hour window after the follower last wrote, tapped, followed or scanned.
/// </summary>
public static class PlatformMessageRules
{
    public static readonly IReadOnlySet<string> CustomServiceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "image", "voice", "video", "music", "news", "mpnews", "mpnewsarticle", "msgmenu", "wxcard", "miniprogrampage",
    };

    /// <summary>A news message carries one article (more are refused with 45008).</summary>
    public const int MaxNewsArticles = 1;

    public static readonly TimeSpan ReplyWindow = TimeSpan.FromHours(48);
}
