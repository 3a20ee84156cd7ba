using Portal.Core.Messaging;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>
/// A follower scanned a parameter QR code again: answer with that scene's greeting if the operator set
/// one. The plain follow greeting is not repeated to someone who already follows.
/// </summary>
public sealed class ScanHandler(AutoReplyRuleCache rules) : IMessageHandler
{
    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
    {
        if (context.Message is not ScanEvent scan || scan.Scene.Length == 0)
            return null;
        var set = await rules.GetAsync(context.AccountId, ct).ConfigureAwait(false);
        return set.ForScene(scan.Scene)?.Reply;
    }
}
