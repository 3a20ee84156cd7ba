namespace Portal.Web.Sandbox;

/// <summary>The menu a follower sees at the bottom of the chat: the account's published menu for them.</summary>
public sealed class SandboxPhoneMenu
{
    public object? For(SandboxFollower follower) => null;
}
