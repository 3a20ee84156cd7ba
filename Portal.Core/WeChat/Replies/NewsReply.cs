namespace Portal.Core.WeChat.Replies;

/// <summary>
/// An article-card reply. The platform shows one card when replying to a follower's message and allows up to
/// eight in other cases (events); more than eight is refused here.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
public sealed record NewsReply(IReadOnlyList<NewsArticle> Articles) : Reply
{
    public const int MaxArticles = 8;

    public IReadOnlyList<NewsArticle> Articles { get; init; } = Checked(Articles);

    private static IReadOnlyList<NewsArticle> Checked(IReadOnlyList<NewsArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count is 0 or > MaxArticles)
        {
            throw new ArgumentException(
                $"A news reply needs 1 to {MaxArticles} articles; this one has {articles.Count}.", nameof(Articles));
        }

        foreach (var article in articles)
        {
            ArgumentNullException.ThrowIfNull(article, nameof(Articles));
        }

        return articles;
    }
}
