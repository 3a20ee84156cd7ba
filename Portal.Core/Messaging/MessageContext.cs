using Portal.Core.Accounts;
using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>What a handler knows about the message it answers.</summary>
/// <param name="Message">The parsed message or event.</param>
/// <param name="Account">The account it was sent to: a reply sent later goes out through this account.</param>
/// <param name="ReceivedAt">When Portal received it (not WeChat's CreateTime).</param>
public sealed record MessageContext(InboundMessage Message, WeChatAccount Account, DateTimeOffset ReceivedAt)
{
    public string AppId => Account.AppId;

    /// <summary>The id of the account it was sent to: the rules, menus and followers a handler reads are that account's.</summary>
    public int AccountId => Account.Id;

    /// <summary>Set by <see cref="MarkReplyAsFallback"/>: the reply says "not understood", it does not answer.</summary>
    public bool ReplyIsFallback { get; private set; }

    /// <summary>
    /// Says the reply about to be returned is a fallback (the default reply), not an answer: the message
    /// is logged as still needing a person, so the inbox's "unanswered" shows it.
    /// </summary>
    public void MarkReplyAsFallback() => ReplyIsFallback = true;
}
