namespace Portal.Core.Operators;

/// <summary>How many wrong passwords lock an account, and for how long.</summary>
public static class OperatorLockout
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);
}
