namespace Portal.Core.Followers;

/// <summary>What a message or event tells us about its sender, applied to the followers table.</summary>
/// <param name="AccountId">The account the message came to: an OpenID is a follower of that account only.</param>
public readonly record struct FollowerChange(int AccountId, string OpenId, FollowerChangeKind Kind, string? QrScene, DateTimeOffset At);

public enum FollowerChangeKind
{
    Subscribe,
    Unsubscribe,

    /// <summary>A message or menu tap: opens the 48-hour customer-service window.</summary>
    Interaction,
}
