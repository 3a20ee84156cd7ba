namespace Portal.Core.Members;

/// <summary>
/// The largest numbers an operator may enter for points and coupons. Pages check them with a message
/// before saving and Core refuses anything outside them, so no saved number can take the arithmetic on
/// balances, streaks and expiry dates near an integer's limit (where it would wrap or throw); that
/// arithmetic is checked as well.
/// </summary>
public static class MembershipLimits
{
    /// <summary>A check-in's base points, and each streak bonus.</summary>
    public const int MaxCheckInPoints = 10_000;

    /// <summary>The furthest streak day a bonus can be set for.</summary>
    public const int MaxStreakDay = 366;

    /// <summary>Points given or taken in one adjustment or counter sale.</summary>
    public const int MaxPointsChange = 1_000_000;

    /// <summary>Points a level may require.</summary>
    public const long MaxLevelPoints = 1_000_000_000;

    /// <summary>A coupon's amount off and its minimum spend, in fen: ¥100,000.</summary>
    public const int MaxCouponCents = 10_000_000;

    public const int MaxCouponValidDays = 3_650;
    public const int MaxCouponQuantity = 1_000_000;
    public const int MaxCouponsPerMember = 1_000;

    public static bool Allows(CheckInRules rules) =>
        rules.BasePoints is >= 1 and <= MaxCheckInPoints
        && rules.StreakBonuses.All(b => b.Key is >= 1 and <= MaxStreakDay && b.Value is >= 0 and <= MaxCheckInPoints);

    public static bool Allows(CouponTemplate template) =>
        template.AmountOffCents is >= 1 and <= MaxCouponCents
        && template.MinSpendCents is >= 0 and <= MaxCouponCents
        && template.ValidDays is >= 1 and <= MaxCouponValidDays
        && template.TotalQuantity is null or (>= 1 and <= MaxCouponQuantity)
        && template.PerMemberLimit is >= 1 and <= MaxCouponsPerMember;

    public static bool Allows(MemberLevels levels) => levels.Levels.All(l => l.MinPoints is >= 0 and <= MaxLevelPoints);

    /// <summary>An operator's change of a member's points: not zero, and not more than <see cref="MaxPointsChange"/> either way.</summary>
    public static bool AllowsPointsChange(long delta) => delta != 0 && Math.Abs(delta) <= MaxPointsChange;

    internal static void Require(bool allowed, string what)
    {
        if (!allowed)
            throw new ArgumentOutOfRangeException(what, $"{what} is outside the limits in {nameof(MembershipLimits)}.");
    }
}
