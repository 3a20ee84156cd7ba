namespace Portal.Core.Members;

/// <summary>A membership level, reached by points earned over time (spends do not take it away).</summary>
public sealed record MemberLevel(string Name, long MinPoints, string Benefits);

/// <summary>The account's levels, lowest first, and which one a member has reached.</summary>
public sealed record MemberLevels(IReadOnlyList<MemberLevel> Levels)
{
    public static readonly MemberLevels Default = new(
    [
        new("普通会员 Member", 0, "Points on every check-in"),
        new("银卡 Silver", 500, "A ¥10 coupon each month"),
        new("金卡 Gold", 2_000, "A ¥30 coupon each month and early access to offers"),
        new("钻石 Diamond", 5_000, "Free delivery and a birthday gift"),
    ]);

    /// <summary>The level reached with <paramref name="earned"/> points, and the next one (null at the top).</summary>
    public (MemberLevel Current, MemberLevel? Next) For(long earned)
    {
        var ordered = Levels.OrderBy(l => l.MinPoints).ToList();
        var index = ordered.FindLastIndex(l => l.MinPoints <= earned);
        var current = ordered[Math.Max(index, 0)];
        return (current, index + 1 < ordered.Count ? ordered[index + 1] : null);
    }
}
