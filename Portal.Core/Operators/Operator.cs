namespace Portal.Core.Operators;

/// <summary>One of the account's staff, as stored. The password hash never leaves the server.</summary>
public sealed record Operator
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required OperatorRole Role { get; init; }
    public required string PasswordHash { get; init; }

    /// <summary>Changes whenever the password, role or disabled flag changes; cookies carrying an old one are refused.</summary>
    public required string SecurityStamp { get; init; }
    public bool Disabled { get; init; }
    public int FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
