using System.Globalization;
using System.Security.Claims;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>The operator cookie's scheme, claims and policies.</summary>
public static class OperatorClaims
{
    /// <summary>Operators' own cookie scheme; the followers' (H5 members') sign-in uses a different one.</summary>
    public const string Scheme = "Operator";

    public const string SecurityStampType = "portal:operator_stamp";

    /// <summary>One id per sign-in: signing out ends it on the server, so a copy of the cookie stops working.</summary>
    public const string SessionType = "portal:operator_session";

    /// <summary>How long an operator cookie lasts without use (it slides while used).</summary>
    public static readonly TimeSpan CookieLife = TimeSpan.FromHours(8);

    /// <summary>Policies: any signed-in operator, an editor or owner, an owner.</summary>
    public const string AnyOperator = "Operator";
    public const string Editor = "OperatorEditor";
    public const string Owner = "OperatorOwner";

    public static ClaimsPrincipal Principal(Operator op) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, op.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, op.Name),
            new Claim(ClaimTypes.Role, OperatorRoles.Name(op.Role)),
            new Claim(SecurityStampType, op.SecurityStamp),
            new Claim(SessionType, NewSessionId()),
        ],
        Scheme));

    // Unguessable, so that nobody can end (or predict) another operator's session.
    private static string NewSessionId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionType);

    public static long? OperatorId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static OperatorRole? OperatorRole(this ClaimsPrincipal user) =>
        OperatorRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static Core.Operators.AuditActor AuditActor(this ClaimsPrincipal user) =>
        new(user.OperatorId(), user.Identity?.Name ?? "unknown");
}
