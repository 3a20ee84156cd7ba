namespace Portal.Core.Operators;

/// <summary>
/// Who made a change: an operator, or a command run on the server (no id); and the Official Account they made
/// it on (<see cref="AccountId"/>), null for a change that belongs to no account (operators, sign-in).
/// </summary>
public sealed record AuditActor(long? OperatorId, string Name, int? AccountId = null)
{
    public static AuditActor Command(string what) => new(null, what);

    /// <summary>The same actor, acting on an account.</summary>
    public AuditActor On(int accountId) => this with { AccountId = accountId };
}
