using Portal.Core.Messaging;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>Answers a menu button that carries a key with the reply the operator mapped to that key.</summary>
public sealed class MenuClickHandler(AutoReplyRuleCache rules) : IMessageHandler
{
    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
    {
        if (context.Message is not EventMessage { EventKey.Length: > 0 } menu)
            return null;
        var set = await rules.GetAsync(context.AccountId, ct).ConfigureAwait(false);
        return set.ForClick(menu.EventKey)?.Reply;
    }
}
