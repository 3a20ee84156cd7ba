namespace Portal.Core.Membership;

/// <summary>Membership settings, bound from the <c>Membership</c> section.</summary>
public sealed class MembershipOptions
{
    public const string SectionName = "Membership";

    /// <summary>The time zone whose calendar days check-ins count (an IANA id; the account's followers' own).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
