using System.Data.Common;
using Dapper;

namespace Portal.Core.Outbox;

/// <summary>
/// What operators see of the outbox: failed rows that wait for them and rows waiting long, and the two
/// things they may do about a failed row (try it again, or mark it seen). Lease renewal by key lives here
/// too, for work that has no leased row in hand (a late reply's handler).
/// </summary>
public sealed partial class OutboxStore
{
    private const string ExtendByKeySql = """
        UPDATE outbox SET lease_until = @Until, updated_at = @Now
        WHERE idempotency_key = @IdempotencyKey AND lease_owner = @Owner AND status = @Status
        """;

    /// <summary>
    /// Keeps the row of <paramref name="idempotencyKey"/> leased by <paramref name="owner"/> while it is in
    /// <paramref name="status"/>. False when it moved on or another instance holds it now.
    /// </summary>
    public async Task<bool> ExtendLeaseAsync(string idempotencyKey, string status, string owner, TimeSpan leaseFor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { IdempotencyKey = idempotencyKey, Owner = owner, Status = status, Until = now + leaseFor, Now = now };
        return await connection.ExecuteAsync(new CommandDefinition(ExtendByKeySql, args, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private string UnknownKindsSql => $"""
        SELECT DISTINCT kind FROM outbox
        WHERE status IN (@Ready, @Awaiting) AND kind {db.NotInList("Known")}
        """;

    /// <summary>
    /// Kinds of rows still to do that are none of <paramref name="known"/>: work written by a version of
    /// Portal that knows more kinds than this one (during a rolling upgrade, or after a downgrade).
    /// </summary>
    public async Task<IReadOnlyList<string>> UnknownKindsAsync(IReadOnlyCollection<string> known, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { Ready = OutboxStatus.Ready, Awaiting = OutboxStatus.AwaitingHandler, Known = known.ToArray() };
        return (await connection.QueryAsync<string>(new CommandDefinition(UnknownKindsSql, args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    private const string AttentionSql = $"""
        SELECT {Columns} FROM outbox
        WHERE account_id = @AccountId
          AND ((status = @Failed AND dismissed_at IS NULL)
            OR (status IN (@Ready, @Sending, @Awaiting) AND created_at < @WaitingSince))
        ORDER BY updated_at DESC, id DESC LIMIT @Limit
        """;

    /// <summary>Failed rows nobody has dealt with, and rows still waiting since before <paramref name="waitingSince"/>, latest change first.</summary>
    public async Task<IReadOnlyList<OutboxItem>> NeedingAttentionAsync(int accountId, DateTimeOffset waitingSince, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { AccountId = accountId, Failed = OutboxStatus.Failed, Ready = OutboxStatus.Ready, Sending = OutboxStatus.Sending, Awaiting = OutboxStatus.AwaitingHandler, WaitingSince = waitingSince, Limit = limit };
        return [.. await connection.QueryAsync<OutboxItem>(new CommandDefinition(AttentionSql, args, cancellationToken: ct)).ConfigureAwait(false)];
    }

    private const string WaitingForOperatorSql = "SELECT COUNT(*) FROM outbox WHERE status = @Failed AND dismissed_at IS NULL";

    /// <summary>How many failed rows wait for an operator to retry them or mark them seen.</summary>
    public async Task<long> CountWaitingForOperatorAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(WaitingForOperatorSql, new { Failed = OutboxStatus.Failed }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string GetByIdSql = $"SELECT {Columns} FROM outbox WHERE account_id = @AccountId AND id = @Id";

    public async Task<OutboxItem?> GetAsync(DbTransaction transaction, int accountId, long id, CancellationToken ct = default) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<OutboxItem>(new CommandDefinition(GetByIdSql, new { AccountId = accountId, Id = id }, transaction, cancellationToken: ct)).ConfigureAwait(false);

    private const string RetrySql = """
        UPDATE outbox SET status = @To, attempts = 0, next_attempt_at = @Now, lease_owner = NULL, lease_until = NULL,
            dismissed_at = NULL, updated_at = @Now
        WHERE id = @Id AND status = @Failed
        """;

    /// <summary>
    /// A failed row starts again as <paramref name="to"/>, due now with a fresh count of attempts; its last
    /// error stays until the next attempt replaces it. False when it is no longer failed.
    /// </summary>
    public async Task<bool> RetryFailedAsync(DbTransaction transaction, long id, string to, CancellationToken ct = default)
    {
        var args = new { Id = id, To = to, Failed = OutboxStatus.Failed, Now = time.GetUtcNow() };
        return await transaction.Connection!.ExecuteAsync(new CommandDefinition(RetrySql, args, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string DismissSql = """
        UPDATE outbox SET dismissed_at = @Now, updated_at = @Now
        WHERE id = @Id AND status = @Failed AND dismissed_at IS NULL
        """;

    /// <summary>Marks a failed row seen: it stays as the record of what was not sent, but no longer waits for anyone.</summary>
    public async Task<bool> DismissAsync(DbTransaction transaction, long id, CancellationToken ct = default)
    {
        var args = new { Id = id, Failed = OutboxStatus.Failed, Now = time.GetUtcNow() };
        return await transaction.Connection!.ExecuteAsync(new CommandDefinition(DismissSql, args, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    /// <summary>Runs <paramref name="change"/> in one transaction (a row's change and its audit entry).</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> change, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await change(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }
}
