using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;

namespace Portal.Web.Sandbox;

/// <summary>
/// What a follower does on the phone page, carried out as the platform would: the follower's state
/// changes first (following, the 48-hour window), then the push goes to the webhook and whatever the
/// account answers lands in the chat.
/// </summary>
public sealed class SandboxPhone(SandboxFollowers followers, SandboxChats chats, SandboxPushes pushes, SandboxWebhookClient webhook, IOptions<WeChatOptions> account)
{
    /// <summary>The account's original ID (<c>gh_…</c>), which the platform puts in ToUserName.</summary>
    public string AccountId => "gh_" + (account.Value.AppId is { Length: >= 14 } id ? id[2..14] : "sandbox");

    /// <summary>Follows, or, for a follower who already follows and scans a code, sends the scan.</summary>
    public Task FollowAsync(SandboxFollower follower, string? qrScene, string? ticket, CancellationToken ct)
    {
        if (follower.Subscribed)
        {
            if (qrScene is null)
                return Task.CompletedTask;
            followers.Interacted(follower);
            chats.FromFollower(follower.OpenId, "scan", $"Scanned the code for scene {qrScene}");
            return DeliverAsync(follower, pushes.Scan(AccountId, follower.OpenId, qrScene, ticket), ct);
        }
        followers.Follow(follower, qrScene);
        chats.FromFollower(follower.OpenId, "follow", qrScene is null ? "Followed the account" : $"Followed through the code for scene {qrScene}");
        return DeliverAsync(follower, pushes.Subscribe(AccountId, follower.OpenId, qrScene, ticket), ct);
    }

    /// <summary>Unfollows. The platform shows nothing the account answers to an unfollow.</summary>
    public async Task UnfollowAsync(SandboxFollower follower, CancellationToken ct)
    {
        if (!follower.Subscribed)
            return;
        followers.Unfollow(follower);
        chats.FromFollower(follower.OpenId, "unfollow", "Unfollowed the account");
        await webhook.PushAsync(pushes.Unsubscribe(AccountId, follower.OpenId), ct).ConfigureAwait(false);
    }

    public Task SendTextAsync(SandboxFollower follower, string text, CancellationToken ct)
    {
        followers.Interacted(follower);
        chats.FromFollower(follower.OpenId, "text", text);
        return DeliverAsync(follower, pushes.Text(AccountId, follower.OpenId, text), ct);
    }

    public Task ClickAsync(SandboxFollower follower, string key, string name, CancellationToken ct)
    {
        followers.Interacted(follower);
        chats.FromFollower(follower.OpenId, "click", $"Tapped “{name}”");
        return DeliverAsync(follower, pushes.Click(AccountId, follower.OpenId, key), ct);
    }

    /// <summary>A view button: the page opens in the in-chat browser; the platform ignores any reply to the event.</summary>
    public async Task ViewAsync(SandboxFollower follower, string url, CancellationToken ct)
    {
        followers.Interacted(follower);
        await webhook.PushAsync(pushes.View(AccountId, follower.OpenId, url), ct).ConfigureAwait(false);
    }

    private async Task DeliverAsync(SandboxFollower follower, XElement push, CancellationToken ct)
    {
        var result = await webhook.PushAsync(push, ct).ConfigureAwait(false);
        if (result.Reply is { } reply)
            chats.Reply(follower.OpenId, reply);
        else if (result.Failure is not null)
            chats.FromPlatform(follower.OpenId, SandboxWebhookClient.ServiceFailure);
    }
}
