namespace Portal.Core.Platform;

/// <summary>An access token and when the platform stops accepting it.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
