using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>Daily check-in: one a day in the account's time zone, whatever the concurrency, with streak bonuses.</summary>
public sealed class CheckInTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Many_taps_at_once_check_in_once_and_credit_once(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var checkIns = db.CheckIns;
        var member = await db.MemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => checkIns.CheckInAsync(TestAccounts.DefaultId, member, CheckInRules.Default))));

        Assert.Single(results, r => !r.AlreadyToday);
        Assert.Equal(CheckInRules.Default.BasePoints, await db.Ledger.BalanceAsync(TestAccounts.DefaultId, member));
        Assert.Single(await db.Ledger.HistoryAsync(TestAccounts.DefaultId, member));
    }

    [Fact]
    public async Task Consecutive_days_build_a_streak_with_its_bonuses_and_a_missed_day_starts_again()
    {
        await using var db = await MembershipDatabase.StartAsync("Sqlite");
        var checkIns = db.CheckIns;
        var member = await db.MemberAsync();
        var rules = new CheckInRules(5, new Dictionary<int, int> { [3] = 10 });

        var days = new List<CheckInResult>();
        for (var i = 0; i < 4; i++)
        {
            days.Add(await checkIns.CheckInAsync(TestAccounts.DefaultId, member, rules));
            db.Clock.Advance(TimeSpan.FromDays(1));
        }
        db.Clock.Advance(TimeSpan.FromDays(1)); // a day missed
        var afterGap = await checkIns.CheckInAsync(TestAccounts.DefaultId, member, rules);

        Assert.Equal([1, 2, 3, 1], days.Select(d => d.Streak).Take(3).Append(afterGap.Streak));
        Assert.Equal([5, 5, 15, 5], days.Select(d => d.Points)); // the 4th day starts the 3-day cycle again
        Assert.Equal(1, afterGap.Streak);
        Assert.Equal(5 + 5 + 15 + 5 + 5, await db.Ledger.BalanceAsync(TestAccounts.DefaultId, member));
    }

    [Fact]
    public async Task The_day_turns_at_midnight_in_China_not_in_UTC()
    {
        await using var db = await MembershipDatabase.StartAsync("Sqlite");
        var checkIns = db.CheckIns;
        var member = await db.MemberAsync();
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 15, 50, 0, TimeSpan.Zero)); // 23:50 in Shanghai

        var lateEvening = await checkIns.CheckInAsync(TestAccounts.DefaultId, member, CheckInRules.Default);
        db.Clock.Advance(TimeSpan.FromMinutes(20)); // 00:10 the next day in Shanghai, still the 24th in UTC
        var afterMidnight = await checkIns.CheckInAsync(TestAccounts.DefaultId, member, CheckInRules.Default);

        Assert.False(lateEvening.AlreadyToday);
        Assert.False(afterMidnight.AlreadyToday);
        Assert.Equal(2, afterMidnight.Streak);
    }
}
