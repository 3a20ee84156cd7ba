using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Outbox;

/// <summary>The outbox table. Every state change is one conditional statement, safe under any concurrency.</summary>
public sealed partial class OutboxStore(DbConnectionFactory db, TimeProvider time)
{
    private const string Columns = """
        id, kind, account_id, idempotency_key, openid AS OpenId, status, payload, attempts, next_attempt_at, lease_owner, lease_until,
        last_error, created_at, updated_at, dismissed_at
        """;

    private const string EnqueueSql = """
        INSERT INTO outbox (kind, account_id, idempotency_key, openid, status, payload, attempts, next_attempt_at, lease_owner, lease_until, created_at, updated_at)
        VALUES (@Kind, @AccountId, @IdempotencyKey, @OpenId, @Status, @Payload, 0, @At, @LeaseOwner, @LeaseUntil, @At, @At)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    /// <summary>
    /// Adds the work unless a row with its idempotency key exists. True when added. <paramref name="accountId"/>
    /// is the account it is for (the default one until a caller says otherwise).
    /// </summary>
    public async Task<bool> EnqueueAsync(string kind, string idempotencyKey, string? openId, string status, string payload,
        string? leaseOwner = null, TimeSpan? leaseFor = null, CancellationToken ct = default, int accountId = Accounts.WeChatAccount.DefaultId)
    {
        var at = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { Kind = kind, AccountId = accountId, IdempotencyKey = idempotencyKey, OpenId = openId, Status = status, Payload = payload, At = at, LeaseOwner = leaseOwner, LeaseUntil = at + leaseFor };
        return await connection.ExecuteAsync(new CommandDefinition(EnqueueSql, args, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Adds the work within the caller's transaction, so it is promised only if the change that asks for it
    /// (an operator's reply and its audit entry, a sync page and its progress) commits too.
    /// </summary>
    public async Task<bool> EnqueueAsync(DbTransaction transaction, string kind, string idempotencyKey, string? openId, string payload, CancellationToken ct = default, int accountId = Accounts.WeChatAccount.DefaultId)
    {
        var at = time.GetUtcNow();
        var args = new { Kind = kind, AccountId = accountId, IdempotencyKey = idempotencyKey, OpenId = openId, Status = OutboxStatus.Ready, Payload = payload, At = at, LeaseOwner = (string?)null, LeaseUntil = (DateTimeOffset?)null };
        return await transaction.Connection!.ExecuteAsync(new CommandDefinition(EnqueueSql, args, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private string StatusesSql => $"SELECT idempotency_key, status, last_error FROM outbox WHERE idempotency_key {db.InList("Keys")}";

    /// <summary>Where each of <paramref name="keys"/> stands, for pages that show delivery.</summary>
    public async Task<IReadOnlyDictionary<string, (string Status, string? LastError)>> StatusesAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        if (keys.Count == 0)
            return new Dictionary<string, (string, string?)>();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Key, string Status, string? LastError)>(new CommandDefinition(StatusesSql, new { Keys = keys.ToArray() }, cancellationToken: ct)).ConfigureAwait(false);
        // (Text columns only: the tuple needs no conversion on either database.)
        return rows.ToDictionary(r => r.Key, r => (r.Status, r.LastError), StringComparer.Ordinal);
    }

    private const string ResolveSql = """
        UPDATE outbox SET status = @Status, payload = @Payload, lease_owner = NULL, lease_until = NULL,
            next_attempt_at = @At, last_error = @Error, updated_at = @At
        WHERE idempotency_key = @IdempotencyKey AND status = @From
        """;

    /// <summary>Moves a row on from <paramref name="from"/>; false when it is no longer in that state.</summary>
    public async Task<bool> TransitionAsync(string idempotencyKey, string from, string to, string payload, string? error = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { IdempotencyKey = idempotencyKey, From = from, Status = to, Payload = payload, Error = error, At = time.GetUtcNow() };
        return await connection.ExecuteAsync(new CommandDefinition(ResolveSql, args, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string GetSql = $"SELECT {Columns} FROM outbox WHERE idempotency_key = @IdempotencyKey";

    public async Task<OutboxItem?> GetAsync(string idempotencyKey, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OutboxItem>(new CommandDefinition(GetSql, new { IdempotencyKey = idempotencyKey }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private string CandidatesSql => $"""
        SELECT {Columns} FROM outbox
        WHERE status = @Status AND kind {db.InList("Kinds")} AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
        ORDER BY next_attempt_at, id LIMIT @Limit
        """;

    private const string LeaseSql = """
        UPDATE outbox SET lease_owner = @Owner, lease_until = @Until, attempts = attempts + 1, updated_at = @Now
        WHERE id = @Id AND status = @Status AND (lease_until IS NULL OR lease_until < @Now)
        """;

    /// <summary>
    /// Leases up to <paramref name="limit"/> rows of <paramref name="kinds"/> in <paramref name="status"/> whose
    /// lease has lapsed. Each row is taken with a conditional update, so when two instances reach for one row
    /// only one gets it. Rows of other kinds are not touched: they are another lane's, or another version's.
    /// </summary>
    public async Task<IReadOnlyList<OutboxItem>> LeaseAsync(string status, IReadOnlyCollection<string> kinds, string owner, TimeSpan leaseFor, int limit, CancellationToken ct = default)
    {
        if (kinds.Count == 0)
            return [];
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var query = new { Status = status, Kinds = kinds.ToArray(), Now = now, Limit = limit };
        var candidates = await connection.QueryAsync<OutboxItem>(new CommandDefinition(CandidatesSql, query, cancellationToken: ct)).ConfigureAwait(false);
        var leased = new List<OutboxItem>();
        foreach (var item in candidates)
        {
            var args = new { item.Id, Status = status, Owner = owner, Until = now + leaseFor, Now = now };
            if (await connection.ExecuteAsync(new CommandDefinition(LeaseSql, args, cancellationToken: ct)).ConfigureAwait(false) == 1)
                leased.Add(item with { LeaseOwner = owner, LeaseUntil = now + leaseFor, Attempts = item.Attempts + 1 });
        }
        return leased;
    }

    private const string ExtendSql = """
        UPDATE outbox SET lease_until = @Until, updated_at = @Now
        WHERE id = @Id AND lease_owner = @Owner AND status = @Ready
        """;

    /// <summary>
    /// Keeps a long piece of work (a sync page) leased while it goes on. False when the lease was lost:
    /// it lapsed and another instance took the row, so this one must stop.
    /// </summary>
    public async Task<bool> ExtendLeaseAsync(OutboxItem item, TimeSpan leaseFor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { item.Id, Owner = item.LeaseOwner, Ready = OutboxStatus.Ready, Until = now + leaseFor, Now = now };
        return await connection.ExecuteAsync(new CommandDefinition(ExtendSql, args, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string FinishSql = """
        UPDATE outbox SET status = @Status, lease_owner = NULL, lease_until = NULL, last_error = @Error,
            next_attempt_at = @NextAttemptAt, updated_at = @Now
        WHERE id = @Id AND lease_owner = @Owner
        """;

    /// <summary>Delivered: the row stays, as the record of what was sent.</summary>
    public Task<bool> MarkSentAsync(OutboxItem item, CancellationToken ct = default) =>
        FinishAsync(item, OutboxStatus.Sent, null, time.GetUtcNow(), ct);

    /// <summary>Not this time: back to ready, for another attempt at <paramref name="nextAttemptAt"/>.</summary>
    public Task<bool> RetryLaterAsync(OutboxItem item, DateTimeOffset nextAttemptAt, string error, CancellationToken ct = default) =>
        FinishAsync(item, OutboxStatus.Ready, error, nextAttemptAt, ct);

    /// <summary>Given up, with the reason kept for the admin pages.</summary>
    public Task<bool> MarkFailedAsync(OutboxItem item, string reason, CancellationToken ct = default) =>
        FinishAsync(item, OutboxStatus.Failed, reason, time.GetUtcNow(), ct);

    // Only the holder of the lease may finish a row: a worker whose lease lapsed finds it taken.
    private async Task<bool> FinishAsync(OutboxItem item, string status, string? error, DateTimeOffset nextAttemptAt, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var args = new { item.Id, Owner = item.LeaseOwner, Status = status, Error = error, NextAttemptAt = nextAttemptAt, Now = time.GetUtcNow() };
        return await connection.ExecuteAsync(new CommandDefinition(FinishSql, args, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    private const string DeleteSql = "DELETE FROM outbox WHERE idempotency_key = @IdempotencyKey AND status = @Status";

    public async Task<bool> DeleteAsync(string idempotencyKey, string status, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { IdempotencyKey = idempotencyKey, Status = status }, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }
}
