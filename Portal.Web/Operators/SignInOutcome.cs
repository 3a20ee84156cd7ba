using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>What became of a sign-in attempt.</summary>
public sealed record SignInOutcome(Operator? Operator, string? Problem)
{
    public bool Succeeded => Operator is not null;

    public static SignInOutcome Refused(string problem) => new(null, problem);
}
