using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

/// <summary>
/// Points as an append-only ledger: every change is a row with its reason and an idempotency key, and a
/// member's balance is the sum of their rows. The same key twice records once (a retried request, a
/// double tap); a spend that would take the balance below zero is refused.
/// </summary>
public sealed class PointsLedger(DbConnectionFactory db, TimeProvider time)
{
    public async Task<LedgerOutcome> AddAsync(int accountId, long memberId, int delta, string reason, string idempotencyKey, string? byOperator = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(delta);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var outcome = await AddAsync(connection, transaction, accountId, memberId, delta, reason, idempotencyKey, byOperator, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return outcome;
    }

    private const string FindSql = "SELECT id, member_id, delta, reason, idempotency_key, operator, created_at FROM points_ledger WHERE account_id = @AccountId AND idempotency_key = @Key";
    private const string BalanceSql = "SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE account_id = @AccountId AND member_id = @MemberId";
    private const string InsertSql = """
        INSERT INTO points_ledger (account_id, member_id, delta, reason, idempotency_key, operator, created_at)
        VALUES (@AccountId, @MemberId, @Delta, @Reason, @Key, @Operator, @At)
        RETURNING id, member_id, delta, reason, idempotency_key, operator, created_at
        """;

    /// <summary>Within a caller's transaction, so a check-in or an order can add points atomically with its own rows.</summary>
    internal async Task<LedgerOutcome> AddAsync(DbConnection connection, DbTransaction transaction, int accountId, long memberId, int delta, string reason, string idempotencyKey, string? byOperator, CancellationToken ct)
    {
        await MemberRowLock.LockAsync(db, connection, transaction, "members", memberId, ct).ConfigureAwait(false);
        if (await connection.QuerySingleOrDefaultAsync<LedgerEntry>(new CommandDefinition(FindSql, new { AccountId = accountId, Key = idempotencyKey }, transaction, cancellationToken: ct)).ConfigureAwait(false) is { } existing)
            return new LedgerOutcome(existing, Duplicate: true, await BalanceAsync(connection, transaction, accountId, memberId, ct).ConfigureAwait(false));
        var balance = await BalanceAsync(connection, transaction, accountId, memberId, ct).ConfigureAwait(false);
        var after = checked(balance + delta); // a wrap would turn a huge balance negative, or a spend into a gain
        if (after < 0)
            return new LedgerOutcome(null, Duplicate: false, balance);
        var entry = await connection.QuerySingleAsync<LedgerEntry>(new CommandDefinition(InsertSql,
            new { AccountId = accountId, MemberId = memberId, Delta = delta, Reason = reason, Key = idempotencyKey, Operator = byOperator, At = time.GetUtcNow() }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return new LedgerOutcome(entry, Duplicate: false, after);
    }

    public async Task<long> BalanceAsync(int accountId, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(BalanceSql, new { AccountId = accountId, MemberId = memberId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static Task<long> BalanceAsync(DbConnection connection, DbTransaction transaction, int accountId, long memberId, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(BalanceSql, new { AccountId = accountId, MemberId = memberId }, transaction, cancellationToken: ct));

    private const string EarnedSql = "SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE account_id = @AccountId AND member_id = @MemberId AND delta > 0";

    /// <summary>Points ever earned, which decides the member's level; spending them does not lower it.</summary>
    public async Task<long> EarnedAsync(int accountId, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(EarnedSql, new { AccountId = accountId, MemberId = memberId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string HistorySql = """
        SELECT id, member_id, delta, reason, idempotency_key, operator, created_at
        FROM points_ledger WHERE account_id = @AccountId AND member_id = @MemberId AND id < @Before ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>A member's entries, newest first, paged by key.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> HistoryAsync(int accountId, long memberId, int limit = 50, long before = long.MaxValue, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<LedgerEntry>(new CommandDefinition(HistorySql, new { AccountId = accountId, MemberId = memberId, Before = before, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }
}

/// <summary>One change of a member's points.</summary>
public sealed record LedgerEntry
{
    public long Id { get; init; }
    public long MemberId { get; init; }
    public int Delta { get; init; }
    public string Reason { get; init; } = "";
    public string IdempotencyKey { get; init; } = "";

    /// <summary>The operator who adjusted the points by hand, if one did.</summary>
    public string? Operator { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// What adding did: the entry (the earlier one when <paramref name="Duplicate"/>), or null when a spend was
/// refused for want of points; and the balance after.
/// </summary>
public sealed record LedgerOutcome(LedgerEntry? Entry, bool Duplicate, long Balance)
{
    public bool Refused => Entry is null;
}
