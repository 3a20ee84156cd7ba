using System.Xml.Linq;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Messaging;

namespace Portal.Sandbox.Phone;

/// <summary>
/// What a follower does on the phone page, carried out as the platform would for the account they talk to:
/// the follower's state changes first (following, the 48-hour window), then the push goes to that account's
/// webhook and whatever the account answers lands in the chat.
/// </summary>
public sealed class SandboxPhone(SandboxPushes pushes, SandboxWebhookClient webhook, SandboxAccounts accounts)
{
    /// <summary>Follows, or, for a follower who already follows and scans a code, sends the scan.</summary>
    public Task FollowAsync(SandboxAccountStores account, SandboxFollower follower, string? qrScene, string? ticket, CancellationToken ct)
    {
        var id = account.Account.OriginalId;
        if (follower.Subscribed)
        {
            if (qrScene is null)
                return Task.CompletedTask;
            account.Followers.Interacted(follower);
            account.Chats.FromFollower(follower.OpenId, "scan", $"Scanned the code for scene {qrScene}");
            return DeliverAsync(account, follower, pushes.Scan(id, follower.OpenId, qrScene, ticket), ct);
        }
        account.Followers.Follow(follower, qrScene);
        account.Chats.FromFollower(follower.OpenId, "follow", qrScene is null ? "Followed the account" : $"Followed through the code for scene {qrScene}");
        return DeliverAsync(account, follower, pushes.Subscribe(id, follower.OpenId, qrScene, ticket), ct);
    }

    /// <summary>Unfollows. The platform shows nothing the account answers to an unfollow.</summary>
    public async Task UnfollowAsync(SandboxAccountStores account, SandboxFollower follower, CancellationToken ct)
    {
        if (!follower.Subscribed)
            return;
        account.Followers.Unfollow(follower);
        account.Chats.FromFollower(follower.OpenId, "unfollow", "Unfollowed the account");
        await PushAsync(account, pushes.Unsubscribe(account.Account.OriginalId, follower.OpenId), ct).ConfigureAwait(false);
    }

    public Task SendTextAsync(SandboxAccountStores account, SandboxFollower follower, string text, CancellationToken ct)
    {
        account.Followers.Interacted(follower);
        account.Chats.FromFollower(follower.OpenId, "text", text);
        return DeliverAsync(account, follower, pushes.Text(account.Account.OriginalId, follower.OpenId, text), ct);
    }

    public Task ClickAsync(SandboxAccountStores account, SandboxFollower follower, string key, string name, CancellationToken ct)
    {
        account.Followers.Interacted(follower);
        account.Chats.FromFollower(follower.OpenId, "click", $"Tapped “{name}”");
        return DeliverAsync(account, follower, pushes.Click(account.Account.OriginalId, follower.OpenId, key), ct);
    }

    /// <summary>A view button: the page opens in the in-chat browser; the platform ignores any reply to the event.</summary>
    public async Task ViewAsync(SandboxAccountStores account, SandboxFollower follower, string url, CancellationToken ct)
    {
        account.Followers.Interacted(follower);
        await PushAsync(account, pushes.View(account.Account.OriginalId, follower.OpenId, url), ct).ConfigureAwait(false);
    }

    private Task<SandboxPushResult> PushAsync(SandboxAccountStores account, XElement push, CancellationToken ct) =>
        webhook.PushAsync(account.Account, webhook.WebhookUrlFor(account.Account, accounts), push, ct);

    private async Task DeliverAsync(SandboxAccountStores account, SandboxFollower follower, XElement push, CancellationToken ct)
    {
        var result = await PushAsync(account, push, ct).ConfigureAwait(false);
        if (result.Reply is { } reply)
            account.Chats.Reply(follower.OpenId, reply);
        else if (result.Failure is not null)
            account.Chats.FromPlatform(follower.OpenId, SandboxWebhookClient.ServiceFailure);
    }
}
