using Portal.Core.Messaging;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>Greets a new follower: the greeting of the QR scene they came through, else the plain one.</summary>
public sealed class FollowHandler(AutoReplyRuleCache rules) : IMessageHandler
{
    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
    {
        var set = await rules.GetAsync(context.AccountId, ct).ConfigureAwait(false);
        var scene = (context.Message as SubscribeEvent)?.Scene;
        return set.ForFollow(scene)?.Reply;
    }
}
