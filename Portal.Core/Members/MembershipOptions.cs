namespace Portal.Core.Members;

/// <summary>Membership settings, bound from the <c>Membership</c> section.</summary>
public sealed class MembershipOptions
{
    public const string SectionName = "Membership";

    /// <summary>The time zone whose calendar days check-ins count (an IANA id; the account's followers' own).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The account's template for "points changed" (keywords: change, balance, reason); empty: no message.</summary>
    public string PointsChangedTemplateId { get; set; } = "";

    /// <summary>The account's template for "coupon expiring" (keywords: coupon, expiry time); empty: no message.</summary>
    public string CouponExpiringTemplateId { get; set; } = "";

    /// <summary>How long before a coupon expires its holder is reminded.</summary>
    public TimeSpan CouponExpiryWarning { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Where the messages' cards lead: the member centre's absolute URL.</summary>
    public string? MemberCentreUrl { get; set; }
}
