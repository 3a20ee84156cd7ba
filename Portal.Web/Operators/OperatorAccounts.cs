using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>
/// Operator accounts: sign-in with its throttle, the first owner, and the owner's and each operator's own
/// changes, every change written to the audit trail.
/// </summary>
public sealed class OperatorAccounts(DbConnectionFactory db, OperatorStore store, OperatorPasswords passwords, SignInThrottle throttle, AuditLog audit, TimeProvider time)
{
    public const string EntityType = "operator";

    /// <summary>
    /// The one answer for an unknown name, a wrong password and a throttled attempt: which of them it was must
    /// not show (no list of names to be had, no way to tell a lockout from a typo), so it names both causes.
    /// </summary>
    public const string Refusal =
        "That name and password do not match an operator, or there were too many attempts. Check both and try again; after several wrong tries, wait 15 minutes.";

    /// <summary>
    /// Signs in, throttled by name and source <paramref name="address"/> (see <see cref="SignInThrottle"/>).
    /// Unknown, wrong and throttled attempts answer alike and take alike: each checks one password hash.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string? name, string? password, IPAddress? address, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
            return SignInOutcome.Refused("Enter your name and password.");
        var permit = await throttle.BeginAsync(name, address, ct).ConfigureAwait(false);
        if (permit.Delay > TimeSpan.Zero)
            await Task.Delay(permit.Delay, time, ct).ConfigureAwait(false);
        var op = await store.GetByNameAsync(name, ct).ConfigureAwait(false);
        if (op is null || !permit.MayCheck)
        {
            passwords.SpendTimeOfACheck(password);
            return SignInOutcome.Refused(Refusal);
        }

        var result = passwords.Verify(op.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            // Owners should see that someone has been guessing, and from where.
            if (permit.ReachesLimit)
                await audit.RecordAsync(new AuditActor(null, op.Name), EntityType, Id(op), "locked out", null,
                    new { Address = SignInThrottle.Source(address), Until = time.GetUtcNow() + OperatorLockout.Duration }, ct).ConfigureAwait(false);
            return SignInOutcome.Refused(Refusal);
        }
        await throttle.SucceededAsync(name, address, ct).ConfigureAwait(false);
        if (op.Disabled)
            return SignInOutcome.Refused("This operator account is disabled. Ask an owner to enable it.");
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await store.SetPasswordAsync(op.Id, passwords.Hash(password), ct).ConfigureAwait(false);
        await store.RecordSignInAsync(op.Id, ct).ConfigureAwait(false);
        await audit.RecordAsync(new AuditActor(op.Id, op.Name), EntityType, Id(op), "sign in", null, null, ct).ConfigureAwait(false);
        return new SignInOutcome(await store.GetAsync(op.Id, ct).ConfigureAwait(false), null);
    }

    /// <summary>Null when there is an owner already (the first-run page then no longer exists).</summary>
    public async Task<Operator?> CreateFirstOwnerAsync(string name, string password, CancellationToken ct = default)
    {
        var hash = passwords.Hash(password);
        var op = await InTransactionAsync(async tx =>
        {
            var created = await store.AddFirstOwnerAsync(tx, name, hash, ct).ConfigureAwait(false);
            if (created is not null)
                await audit.RecordAsync(tx, new AuditActor(created.Id, created.Name), EntityType, Id(created), "create first owner", null, Snapshot(created), ct).ConfigureAwait(false);
            return created;
        }, ct).ConfigureAwait(false);
        if (op is not null)
            await store.RecordSignInAsync(op.Id, ct).ConfigureAwait(false);   // the setup page signs them in
        return op;
    }

    /// <summary>Null when the name is taken.</summary>
    public async Task<Operator?> CreateAsync(AuditActor actor, string name, OperatorRole role, string password, CancellationToken ct = default)
    {
        var hash = passwords.Hash(password);
        return await InTransactionAsync(async tx =>
        {
            var op = await store.AddAsync(tx, name, role, hash, ct).ConfigureAwait(false);
            if (op is not null)
                await audit.RecordAsync(tx, actor, EntityType, Id(op), "create", null, Snapshot(op), ct).ConfigureAwait(false);
            return op;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Null on success, else why not.</summary>
    public Task<string?> SetRoleAsync(AuditActor actor, long id, OperatorRole role, CancellationToken ct = default) =>
        InTransactionAsync(async tx =>
        {
            var before = await store.GetAsync(tx, id, ct).ConfigureAwait(false);
            if (before is null)
                return "That operator no longer exists.";
            if (before.Role == role)
                return null;
            if (!await store.SetRoleAsync(tx, id, role, ct).ConfigureAwait(false))
                return $"{before.Name} is the only active owner. Make someone else an owner first, so the account is never left without one.";
            await audit.RecordAsync(tx, actor, EntityType, Id(before), "change role", Snapshot(before), Snapshot(before with { Role = role }), ct).ConfigureAwait(false);
            return null;
        }, ct);

    /// <summary>Null on success, else why not.</summary>
    public Task<string?> SetDisabledAsync(AuditActor actor, long id, bool disabled, CancellationToken ct = default) =>
        InTransactionAsync(async tx =>
        {
            var before = await store.GetAsync(tx, id, ct).ConfigureAwait(false);
            if (before is null)
                return "That operator no longer exists.";
            if (disabled && actor.OperatorId == id)
                return "You cannot disable yourself.";
            if (before.Disabled == disabled)
                return null;
            if (!await store.SetDisabledAsync(tx, id, disabled, ct).ConfigureAwait(false))
                return $"{before.Name} is the only active owner and cannot be disabled.";
            await audit.RecordAsync(tx, actor, EntityType, Id(before), disabled ? "disable" : "enable", Snapshot(before), Snapshot(before with { Disabled = disabled }), ct).ConfigureAwait(false);
            return (string?)null;
        }, ct);

    /// <summary>
    /// An owner limits an operator to some Official Accounts (none: every account, as for operators from before
    /// accounts). Only accounts of the directory are kept. Null on success, else why not.
    /// </summary>
    public Task<string?> SetAccountsAsync(AuditActor actor, long id, IReadOnlyCollection<int> accountIds, IReadOnlyCollection<int> known, CancellationToken ct = default) =>
        InTransactionAsync(async tx =>
        {
            var before = await store.GetAsync(tx, id, ct).ConfigureAwait(false);
            if (before is null)
                return "That operator no longer exists.";
            var chosen = accountIds.Where(known.Contains).Distinct().Order().ToList();
            // Every account ticked is the same as no limit; stored as none, so an account added later is theirs too.
            if (chosen.Count == known.Count)
                chosen = [];
            var was = await store.AccountsAsync(tx, id, ct).ConfigureAwait(false);
            if (was.SequenceEqual(chosen))
                return null;
            await store.SetAccountsAsync(tx, id, chosen, ct).ConfigureAwait(false);
            await audit.RecordAsync(tx, actor, EntityType, Id(before), "set accounts", new { Accounts = was }, new { Accounts = chosen }, ct).ConfigureAwait(false);
            return (string?)null;
        }, ct);

    /// <summary>An owner sets someone's password. Null on success, else why not.</summary>
    public async Task<string?> ResetPasswordAsync(AuditActor actor, long id, string newPassword, CancellationToken ct = default)
    {
        var op = await store.GetAsync(id, ct).ConfigureAwait(false);
        if (op is null)
            return "That operator no longer exists.";
        if (OperatorPasswordRules.Problem(newPassword, op.Name) is { } problem)
            return problem;
        var hash = passwords.Hash(newPassword);
        return await InTransactionAsync(async tx =>
        {
            if (!await store.SetPasswordAsync(tx, id, hash, ct).ConfigureAwait(false))
                return "That operator no longer exists.";
            await audit.RecordAsync(tx, actor, EntityType, Id(op), "reset password", null, null, ct).ConfigureAwait(false);
            return (string?)null;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>An operator changes their own password. Null on success, else why not.</summary>
    public async Task<string?> ChangeOwnPasswordAsync(AuditActor actor, long id, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        var op = await store.GetAsync(id, ct).ConfigureAwait(false);
        if (op is null)
            return "Your account no longer exists.";
        if (string.IsNullOrEmpty(currentPassword) || passwords.Verify(op.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
            return "Your current password is not right.";
        if (OperatorPasswordRules.Problem(newPassword, op.Name) is { } problem)
            return problem;
        var hash = passwords.Hash(newPassword!);
        return await InTransactionAsync(async tx =>
        {
            if (!await store.SetPasswordAsync(tx, id, hash, ct).ConfigureAwait(false))
                return "Your account no longer exists.";
            await audit.RecordAsync(tx, actor, EntityType, Id(op), "change own password", null, null, ct).ConfigureAwait(false);
            return (string?)null;
        }, ct).ConfigureAwait(false);
    }

    // A change and its audit entry are committed together. Password hashing (slow on purpose) happens
    // before the transaction starts, so a SQLite write lock is never held through it.
    private async Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await work(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    private static string Id(Operator op) => op.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of an operator: never the password hash.</summary>
    private static object Snapshot(Operator op) => new { op.Name, Role = OperatorRoles.Name(op.Role), op.Disabled };
}
