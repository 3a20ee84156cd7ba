namespace Portal.Core.Operators;

/// <summary>Who made a change: an operator, or a command run on the server (no id).</summary>
public sealed record AuditActor(long? OperatorId, string Name)
{
    public static AuditActor Command(string what) => new(null, what);
}
