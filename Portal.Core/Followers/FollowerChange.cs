namespace Portal.Core.Followers;

/// <summary>What a message or event tells us about its sender, applied to the followers table.</summary>
public readonly record struct FollowerChange(string OpenId, FollowerChangeKind Kind, string? QrScene, DateTimeOffset At);

public enum FollowerChangeKind
{
    Subscribe,
    Unsubscribe,

    /// <summary>A message or menu tap: opens the 48-hour customer-service window.</summary>
    Interaction,
}
