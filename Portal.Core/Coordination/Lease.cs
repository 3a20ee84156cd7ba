namespace Portal.Core.Coordination;

/// <summary>
/// A lock held for a limited time. The owner token is random and private to the holder, so only the
/// holder can release it, and a holder that outlived its lease cannot release the next holder's.
/// </summary>
public sealed record Lease(string Key, string OwnerToken, DateTimeOffset ExpiresAt);
