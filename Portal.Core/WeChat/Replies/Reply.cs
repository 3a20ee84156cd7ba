namespace Portal.Core.WeChat.Replies;

/// <summary>
/// A passive reply: the XML returned in the HTTP response to a pushed message, written by <see cref="ReplyWriter"/>.
/// The set of replies is closed; the platform accepts only these types.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
public abstract record Reply
{
    private protected Reply()
    {
    }

    /// <summary>Fields the platform requires fail when the reply is built, not as a follower-facing error later.</summary>
    private protected static string Required(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return value;
    }
}
