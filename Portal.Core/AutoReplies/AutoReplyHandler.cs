using Portal.Core.Messaging;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>Answers follower messages from the operator's keyword rules, else with the default reply.</summary>
public sealed class AutoReplyHandler(AutoReplyRuleCache rules) : IMessageHandler
{
    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
    {
        var set = await rules.GetAsync(context.AccountId, ct).ConfigureAwait(false);
        var text = context.Message switch
        {
            TextMessage t => t.Content,
            VoiceMessage { Recognition: { Length: > 0 } recognised } => recognised,
            _ => null,
        };
        if (text is not null && set.MatchText(text) is { } rule)
            return rule.Reply;
        // Nothing understood the message: the default reply acknowledges it, but a person still has to answer.
        if (set.Default is not { } fallback)
            return null;
        context.MarkReplyAsFallback();
        return fallback.Reply;
    }
}
