using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Operators;

/// <summary>
/// The operators table. Every rule that must hold under concurrency (one first owner, never zero active
/// owners) is a single conditional statement, so it holds on both databases and
/// across instances.
/// </summary>
public sealed class OperatorStore(DbConnectionFactory db, TimeProvider time)
{
    private const string Columns = """
        id, name, role, password_hash, security_stamp, disabled, failed_attempts, locked_until, last_sign_in_at, created_at, updated_at
        """;

    private const string ListSql = $"SELECT {Columns} FROM operators ORDER BY name";

    public async Task<IReadOnlyList<Operator>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToOperator()).ToList();
    }

    private const string GetSql = $"SELECT {Columns} FROM operators WHERE id = @Id";

    public async Task<Operator?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await GetAsync(connection, null, id, ct).ConfigureAwait(false);
    }

    public Task<Operator?> GetAsync(DbTransaction transaction, long id, CancellationToken ct = default) =>
        GetAsync(transaction.Connection!, transaction, id, ct);

    private static async Task<Operator?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetSql, new { Id = id }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToOperator();
    }

    // A session ended by signing out has a row in operator_sessions_ended: the operator is not found for it.
    private const string GetInSessionSql = $"""
        SELECT {Columns} FROM operators
        WHERE id = @Id AND NOT EXISTS (SELECT 1 FROM operator_sessions_ended WHERE session_id = @Session)
        """;

    /// <summary>The operator a cookie names, or null when they are gone or that cookie's session was signed out.</summary>
    public async Task<Operator?> GetInSessionAsync(long id, string session, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetInSessionSql, new { Id = id, Session = session }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToOperator();
    }

    private const string EndSessionSql = """
        INSERT INTO operator_sessions_ended (session_id, operator_id, expires_at) VALUES (@Session, @Id, @Until)
        ON CONFLICT (session_id) DO NOTHING
        """;

    // Rows of sessions whose every cookie has expired by now protect nothing.
    private const string PruneEndedSessionsSql = "DELETE FROM operator_sessions_ended WHERE expires_at < @Now";

    /// <summary>
    /// Ends a session for good: any copy of its cookie is refused from now on, on every instance.
    /// <paramref name="cookieLife"/> is the longest a copy could still be valid, which is how long the row is kept.
    /// </summary>
    public async Task EndSessionAsync(long id, string session, TimeSpan cookieLife, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(EndSessionSql, new { Session = session, Id = id, Until = now + cookieLife }, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(PruneEndedSessionsSql, new { Now = now }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string GetByNameSql = $"SELECT {Columns} FROM operators WHERE name = @Name";

    public async Task<Operator?> GetByNameAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(GetByNameSql, new { Name = OperatorNames.Normalize(name) }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToOperator();
    }

    private const string AnyOwnerSql = "SELECT COUNT(*) FROM operators WHERE role = 'owner'";

    /// <summary>Whether an owner exists (enabled or not): once one does, the first-run page is gone.</summary>
    public async Task<bool> AnyOwnerAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(AnyOwnerSql, cancellationToken: ct)).ConfigureAwait(false) > 0;
    }

    private const string InsertSql = """
        INSERT INTO operators (name, role, password_hash, security_stamp, disabled, failed_attempts, created_at, updated_at)
        VALUES (@Name, @Role, @PasswordHash, @Stamp, @No, 0, @At, @At)
        ON CONFLICT (name) DO NOTHING
        RETURNING id
        """;

    /// <summary>Adds an operator; null when the name is taken.</summary>
    public async Task<Operator?> AddAsync(string name, OperatorRole role, string passwordHash, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await AddAsync(connection, null, name, role, passwordHash, ct).ConfigureAwait(false);
    }

    public Task<Operator?> AddAsync(DbTransaction transaction, string name, OperatorRole role, string passwordHash, CancellationToken ct = default) =>
        AddAsync(transaction.Connection!, transaction, name, role, passwordHash, ct);

    private async Task<Operator?> AddAsync(DbConnection connection, DbTransaction? transaction, string name, OperatorRole role, string passwordHash, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertSql,
            new { Name = OperatorNames.Normalize(name), Role = OperatorRoles.Name(role), PasswordHash = passwordHash, Stamp = NewStamp(), No = false, At = time.GetUtcNow() },
            transaction, cancellationToken: ct)).ConfigureAwait(false);
        return id is null ? null : await GetAsync(connection, transaction, id.Value, ct).ConfigureAwait(false);
    }

    // The NOT EXISTS test keeps the page from adding a second owner later; the UNIQUE first_owner column
    // settles two submissions that both passed that test at the same moment.
    private const string InsertFirstOwnerSql = """
        INSERT INTO operators (name, role, password_hash, security_stamp, disabled, failed_attempts, first_owner, created_at, updated_at)
        SELECT @Name, 'owner', @PasswordHash, @Stamp, @No, 0, @Yes, @At, @At
        WHERE NOT EXISTS (SELECT 1 FROM operators WHERE role = 'owner')
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    /// <summary>Creates the first owner; null when an owner already exists (or was just created by someone else).</summary>
    public async Task<Operator?> AddFirstOwnerAsync(string name, string passwordHash, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await AddFirstOwnerAsync(connection, null, name, passwordHash, ct).ConfigureAwait(false);
    }

    public Task<Operator?> AddFirstOwnerAsync(DbTransaction transaction, string name, string passwordHash, CancellationToken ct = default) =>
        AddFirstOwnerAsync(transaction.Connection!, transaction, name, passwordHash, ct);

    private async Task<Operator?> AddFirstOwnerAsync(DbConnection connection, DbTransaction? transaction, string name, string passwordHash, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertFirstOwnerSql,
            new { Name = OperatorNames.Normalize(name), PasswordHash = passwordHash, Stamp = NewStamp(), No = false, Yes = true, At = time.GetUtcNow() },
            transaction, cancellationToken: ct)).ConfigureAwait(false);
        return id is null ? null : await GetAsync(connection, transaction, id.Value, ct).ConfigureAwait(false);
    }

    // Records the sign-in. (Attempts are throttled by SignInThrottle now; the old per-account count is cleared here.)
    private const string SuccessSql = """
        UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @Now WHERE id = @Id
        """;

    public async Task RecordSignInAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(SuccessSql, new { Id = id, Now = time.GetUtcNow() }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string SetPasswordSql = """
        UPDATE operators SET password_hash = @PasswordHash, security_stamp = @Stamp, failed_attempts = 0, locked_until = NULL, updated_at = @At
        WHERE id = @Id
        """;

    public async Task<bool> SetPasswordAsync(long id, string passwordHash, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await ExecuteOneAsync(connection, null, SetPasswordSql, new { Id = id, PasswordHash = passwordHash, Stamp = NewStamp(), At = time.GetUtcNow() }, ct).ConfigureAwait(false);
    }

    public Task<bool> SetPasswordAsync(DbTransaction transaction, long id, string passwordHash, CancellationToken ct = default) =>
        ExecuteOneAsync(transaction.Connection!, transaction, SetPasswordSql, new { Id = id, PasswordHash = passwordHash, Stamp = NewStamp(), At = time.GetUtcNow() }, ct);

    // An owner keeps the role (and stays enabled) unless another enabled owner remains: the account is
    // never left without someone who can manage operators.
    private const string AnotherOwnerRemains = """
        (role <> 'owner' OR (SELECT COUNT(*) FROM operators o WHERE o.role = 'owner' AND o.disabled = @No AND o.id <> @Id) > 0)
        """;

    private const string SetRoleSql = $"""
        UPDATE operators SET role = @Role, security_stamp = @Stamp, updated_at = @At
        WHERE id = @Id AND (@Role = 'owner' OR {AnotherOwnerRemains})
        """;

    /// <summary>False when the operator is missing or is the last enabled owner being demoted.</summary>
    public async Task<bool> SetRoleAsync(long id, OperatorRole role, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await ExecuteOneAsync(connection, null, SetRoleSql, new { Id = id, Role = OperatorRoles.Name(role), Stamp = NewStamp(), No = false, At = time.GetUtcNow() }, ct).ConfigureAwait(false);
    }

    public Task<bool> SetRoleAsync(DbTransaction transaction, long id, OperatorRole role, CancellationToken ct = default) =>
        ExecuteOneAsync(transaction.Connection!, transaction, SetRoleSql, new { Id = id, Role = OperatorRoles.Name(role), Stamp = NewStamp(), No = false, At = time.GetUtcNow() }, ct);

    private const string SetDisabledSql = $"""
        UPDATE operators SET disabled = @Disabled, security_stamp = @Stamp, updated_at = @At
        WHERE id = @Id AND (@Disabled = @No OR {AnotherOwnerRemains})
        """;

    /// <summary>False when the operator is missing or is the last enabled owner being disabled.</summary>
    public async Task<bool> SetDisabledAsync(long id, bool disabled, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await ExecuteOneAsync(connection, null, SetDisabledSql, new { Id = id, Disabled = disabled, Stamp = NewStamp(), No = false, At = time.GetUtcNow() }, ct).ConfigureAwait(false);
    }

    public Task<bool> SetDisabledAsync(DbTransaction transaction, long id, bool disabled, CancellationToken ct = default) =>
        ExecuteOneAsync(transaction.Connection!, transaction, SetDisabledSql, new { Id = id, Disabled = disabled, Stamp = NewStamp(), No = false, At = time.GetUtcNow() }, ct);

    private static async Task<bool> ExecuteOneAsync(DbConnection connection, DbTransaction? transaction, string sql, object parameters, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;

    // Not a secret: it only has to differ from the previous value.
    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private sealed record Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string SecurityStamp { get; init; } = "";
        public bool Disabled { get; init; }
        public int FailedAttempts { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
        public DateTimeOffset? LastSignInAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public Operator ToOperator() => new()
        {
            Id = Id,
            Name = Name,
            Role = OperatorRoles.Parse(Role),
            PasswordHash = PasswordHash,
            SecurityStamp = SecurityStamp,
            Disabled = Disabled,
            FailedAttempts = FailedAttempts,
            LockedUntil = LockedUntil,
            LastSignInAt = LastSignInAt,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }

    private const string AccountsSql = "SELECT account_id FROM operator_accounts WHERE operator_id = @Id ORDER BY account_id";

    /// <summary>The accounts an operator may work on; empty means every account.</summary>
    public async Task<IReadOnlyList<int>> AccountsAsync(long operatorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<int>(new CommandDefinition(AccountsSql, new { Id = operatorId }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    /// <summary>Every operator's limits, for the operators page: operators without any are left out (all accounts).</summary>
    public async Task<ILookup<long, int>> AllAccountsAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<OperatorAccountRow>(new CommandDefinition("SELECT operator_id, account_id FROM operator_accounts", cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToLookup(r => r.OperatorId, r => r.AccountId);
    }

    public async Task<IReadOnlyList<int>> AccountsAsync(DbTransaction transaction, long operatorId, CancellationToken ct = default) =>
        (await transaction.Connection!.QueryAsync<int>(new CommandDefinition(AccountsSql, new { Id = operatorId }, transaction, cancellationToken: ct)).ConfigureAwait(false)).AsList();

    /// <summary>Limits an operator to <paramref name="accountIds"/>; none lifts the limit (every account).</summary>
    public async Task SetAccountsAsync(DbTransaction transaction, long operatorId, IReadOnlyCollection<int> accountIds, CancellationToken ct = default)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM operator_accounts WHERE operator_id = @Id", new { Id = operatorId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var accountId in accountIds.Distinct())
            await connection.ExecuteAsync(new CommandDefinition("INSERT INTO operator_accounts (operator_id, account_id) VALUES (@Id, @AccountId)",
                new { Id = operatorId, AccountId = accountId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    // A class rather than a tuple: Dapper converts SQLite's 64-bit integers to a property's int, not a tuple's.
    private sealed class OperatorAccountRow
    {
        public long OperatorId { get; init; }
        public int AccountId { get; init; }
    }
}
