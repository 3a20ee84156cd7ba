namespace Portal.Core.Members;

/// <summary>
/// Points for a daily check-in: a base amount, plus a bonus on the days of a streak the operator chose
/// (e.g. +10 on the 3rd day running, +30 on the 7th). A streak longer than the longest bonus day starts
/// counting its bonuses again, so a follower who keeps coming is rewarded every week.
/// </summary>
public sealed record CheckInRules(int BasePoints, IReadOnlyDictionary<int, int> StreakBonuses)
{
    public static readonly CheckInRules Default = new(5, new Dictionary<int, int> { [3] = 10, [7] = 30 });

    public int PointsFor(int streak)
    {
        var cycle = StreakBonuses.Count == 0 ? 0 : StreakBonuses.Keys.Max();
        var day = cycle == 0 ? streak : ((streak - 1) % cycle) + 1;
        // Checked: rules saved within MembershipLimits never come near the limit, and a sum that did must
        // fail rather than wrap to a negative number that takes points away.
        return checked(BasePoints + StreakBonuses.GetValueOrDefault(day));
    }
}
