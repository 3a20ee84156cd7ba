using Microsoft.Extensions.Options;

namespace Portal.Core.Members;

/// <summary>Checked at start: a time zone this machine knows (check-in days are counted in it) and a warning period that makes sense.</summary>
public sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            failures.Add($"Membership:TimeZone '{options.TimeZone}' is not a time zone this machine knows (for example Asia/Shanghai).");
        if (options.CouponExpiryWarning <= TimeSpan.Zero)
            failures.Add("Membership:CouponExpiryWarning must be longer than zero (for example 3.00:00:00).");
        if (options.MemberCentreUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            failures.Add($"Membership:MemberCentreUrl '{url}' is not an absolute URL.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
