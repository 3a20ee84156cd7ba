using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>The platform's refusals of follower and tag changes, in words an operator can act on.</summary>
public static class PlatformProblems
{
    public static string Describe(WeChatApiException e) => e.ErrorCode switch
    {
        TagErrorCodes.NameTaken => "Another tag already has this name. Choose a different one.",
        TagErrorCodes.NameTooLong => $"A tag name can be at most {TagRules.MaxNameBytes} bytes: 30 letters or 10 Chinese characters.",
        TagErrorCodes.ReservedTag => "Tags 0, 1 and 2 belong to WeChat itself and cannot be renamed or deleted.",
        TagErrorCodes.TooManyTags => $"The account already has {TagRules.MaxTags} tags, the most WeChat allows. Delete one first.",
        TagErrorCodes.TooManyTagsOnFollower => $"A follower here already carries {TagRules.MaxTagsPerFollower} tags, the most WeChat allows.",
        TagErrorCodes.UnknownTag => "WeChat has no such tag any more (deleted elsewhere?). Sync followers to refresh the list.",
        TagErrorCodes.BatchSize => $"Choose between 1 and {TagRules.MaxBatch} followers at a time.",
        WeChatErrorCodes.InvalidOpenId => "WeChat does not know this follower (or one of these followers).",
        WeChatErrorCodes.DailyQuotaReached => "The account has used today's quota for this call. Try again tomorrow.",
        _ => $"WeChat refused the change: {e.ErrorCode} {e.ErrorMessage}",
    };

    /// <summary>A failure to reach the platform at all.</summary>
    public const string Unreachable = "WeChat could not be reached just now, so nothing was changed. Try again in a moment.";
}
