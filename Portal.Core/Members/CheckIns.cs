using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Members;

/// <summary>
/// Daily check-in: at most one per member and calendar day (the day in the account's time zone), however
/// many taps arrive at once, enforced by the table's key; the points go into the ledger in the same
/// transaction under a key made of the member and the day, so they are credited once too.
/// </summary>
public sealed class CheckIns(DbConnectionFactory db, PointsLedger ledger, IOptions<MembershipOptions> options, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO check_ins (account_id, member_id, day, streak, points, created_at)
        VALUES (@AccountId, @MemberId, @Day, @Streak, @Points, @At)
        ON CONFLICT (member_id, day) DO NOTHING
        """;

    private const string StreakSql = "SELECT streak FROM check_ins WHERE account_id = @AccountId AND member_id = @MemberId AND day = @Day";

    public async Task<CheckInResult> CheckInAsync(int accountId, long memberId, CheckInRules rules, CancellationToken ct = default)
    {
        var today = Today();
        var day = Format(today);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var yesterday = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(StreakSql, new { AccountId = accountId, MemberId = memberId, Day = Format(today.AddDays(-1)) }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        var streak = (yesterday ?? 0) + 1;
        var points = rules.PointsFor(streak);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql,
            new { AccountId = accountId, MemberId = memberId, Day = day, Streak = streak, Points = points, At = time.GetUtcNow() }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (inserted == 0)
        {
            await transaction.RollbackAsync(ct).ConfigureAwait(false);
            var already = await connection.ExecuteScalarAsync<int>(new CommandDefinition(StreakSql, new { AccountId = accountId, MemberId = memberId, Day = day }, cancellationToken: ct)).ConfigureAwait(false);
            return new CheckInResult(AlreadyToday: true, already, 0, await ledger.BalanceAsync(accountId, memberId, ct).ConfigureAwait(false));
        }
        var credited = await ledger.AddAsync(connection, transaction, accountId, memberId, points, streak > 1 ? $"Check-in, day {streak} in a row" : "Check-in", $"check-in:{memberId}:{day}", null, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new CheckInResult(AlreadyToday: false, streak, points, credited.Balance);
    }

    /// <summary>The member's current streak: today's, else yesterday's (still alive until tonight), else none.</summary>
    public async Task<int> StreakAsync(int accountId, long memberId, CancellationToken ct = default)
    {
        var today = Today();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        foreach (var day in new[] { today, today.AddDays(-1) })
        {
            if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(StreakSql, new { AccountId = accountId, MemberId = memberId, Day = Format(day) }, cancellationToken: ct)).ConfigureAwait(false) is { } streak)
                return streak;
        }
        return 0;
    }

    public async Task<bool> CheckedInTodayAsync(int accountId, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(StreakSql, new { AccountId = accountId, MemberId = memberId, Day = Format(Today()) }, cancellationToken: ct)).ConfigureAwait(false) is not null;
    }

    // Looked up once: the zone does not change while the app runs.
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>How a check-in went: the streak it made (or had made today already), the points given, the balance after.</summary>
public sealed record CheckInResult(bool AlreadyToday, int Streak, int Points, long Balance);
