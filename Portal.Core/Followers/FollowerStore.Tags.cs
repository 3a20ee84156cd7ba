using System.Data.Common;
using Dapper;

namespace Portal.Core.Followers;

// Tags mirror the platform's: every change is made there first and stored here after, within the
// caller's transaction so that the audit entry commits with it.
public sealed partial class FollowerStore
{
    private const string TagsSql = "SELECT id, name, follower_count FROM tags WHERE account_id = @AccountId ORDER BY id";

    public async Task<IReadOnlyList<StoredTag>> TagsAsync(int accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<StoredTag>(new CommandDefinition(TagsSql, new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    private const string TagSql = "SELECT id, name, follower_count FROM tags WHERE account_id = @AccountId AND id = @Id";

    public async Task<StoredTag?> TagAsync(DbTransaction transaction, int accountId, int id, CancellationToken ct = default) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<StoredTag>(new CommandDefinition(TagSql, new { AccountId = accountId, Id = id }, transaction, cancellationToken: ct)).ConfigureAwait(false);

    private string TagsOfSql => $"SELECT openid AS OpenId, tag_id AS TagId FROM follower_tags WHERE account_id = @AccountId AND openid {db.InList("OpenIds")}";

    /// <summary>The tags each of <paramref name="openIds"/> carries (a page's worth).</summary>
    public async Task<ILookup<string, int>> TagsOfAsync(int accountId, IReadOnlyCollection<string> openIds, CancellationToken ct = default)
    {
        if (openIds.Count == 0)
            return Array.Empty<(string, int)>().ToLookup(p => p.Item1, p => p.Item2);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var pairs = await connection.QueryAsync<TagPair>(new CommandDefinition(TagsOfSql, new { AccountId = accountId, OpenIds = openIds.ToArray() }, cancellationToken: ct)).ConfigureAwait(false);
        return pairs.ToLookup(p => p.OpenId, p => p.TagId);
    }

    // A class rather than a tuple: Dapper converts SQLite's 64-bit integers to a property's int, not a tuple's.
    private sealed class TagPair
    {
        public string OpenId { get; init; } = "";
        public int TagId { get; init; }
    }

    private const string SaveTagSql = """
        INSERT INTO tags (account_id, id, name, follower_count, updated_at) VALUES (@AccountId, @Id, @Name, @Count, @At)
        ON CONFLICT (account_id, id) DO UPDATE SET name = @Name, follower_count = @Count, updated_at = @At
        """;

    /// <summary>Stores a tag as the platform told it (created, renamed, or listed by tags/get).</summary>
    public Task SaveTagAsync(DbTransaction transaction, int accountId, int id, string name, int followerCount, DateTimeOffset at, CancellationToken ct = default) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(SaveTagSql, new { AccountId = accountId, Id = id, Name = name, Count = followerCount, At = at }, transaction, cancellationToken: ct));

    private const string RenameTagSql = "UPDATE tags SET name = @Name, updated_at = @At WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> RenameTagAsync(DbTransaction transaction, int accountId, int id, string name, DateTimeOffset at, CancellationToken ct = default) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(RenameTagSql, new { AccountId = accountId, Id = id, Name = name, At = at }, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;

    private const string DeleteTagSql = """
        DELETE FROM follower_tags WHERE account_id = @AccountId AND tag_id = @Id;
        DELETE FROM tags WHERE account_id = @AccountId AND id = @Id
        """;

    /// <summary>The tag goes, and with it from every follower, as on the platform.</summary>
    public Task DeleteTagAsync(DbTransaction transaction, int accountId, int id, CancellationToken ct = default) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(DeleteTagSql, new { AccountId = accountId, Id = id }, transaction, cancellationToken: ct));

    private string DeleteTagsExceptSql => $"""
        DELETE FROM follower_tags WHERE account_id = @AccountId AND tag_id {db.NotInList("Ids")};
        DELETE FROM tags WHERE account_id = @AccountId AND id {db.NotInList("Ids")}
        """;

    /// <summary>Forgets tags the platform no longer has (deleted elsewhere, e.g. in the WeChat console).</summary>
    public Task DeleteTagsExceptAsync(DbTransaction transaction, int accountId, IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(DeleteTagsExceptSql, new { AccountId = accountId, Ids = ids.Count == 0 ? [-1] : ids.ToArray() }, transaction, cancellationToken: ct));

    // listed_at is copied so the tag's page is ordered by follower_tags' own index; a follower Portal
    // does not know yet gets no row (the next sync brings them).
    private const string AddTagSql = """
        INSERT INTO follower_tags (account_id, tag_id, openid, listed_at)
        SELECT account_id, @TagId, openid, listed_at FROM followers WHERE account_id = @AccountId AND openid = @OpenId
        ON CONFLICT (account_id, openid, tag_id) DO NOTHING
        """;

    private const string RemoveTagSql = "DELETE FROM follower_tags WHERE account_id = @AccountId AND tag_id = @TagId AND openid = @OpenId";

    private const string CountTagSql = "UPDATE tags SET follower_count = MAX(0, follower_count + @Change), updated_at = @At WHERE account_id = @AccountId AND id = @TagId";
    private const string CountTagPostgresSql = "UPDATE tags SET follower_count = GREATEST(0, follower_count + @Change), updated_at = @At WHERE account_id = @AccountId AND id = @TagId";

    /// <summary>Puts a tag on (or takes it off) followers after the platform did; returns how many changed.</summary>
    public async Task<int> SetTagAsync(DbTransaction transaction, int accountId, int tagId, IReadOnlyCollection<string> openIds, bool on, DateTimeOffset at, CancellationToken ct = default)
    {
        var connection = transaction.Connection!;
        var changed = 0;
        foreach (var openId in openIds)
            changed += await connection.ExecuteAsync(new CommandDefinition(on ? AddTagSql : RemoveTagSql, new { AccountId = accountId, TagId = tagId, OpenId = openId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        var countSql = db.Provider == Data.DatabaseProvider.PostgreSql ? CountTagPostgresSql : CountTagSql;
        await connection.ExecuteAsync(new CommandDefinition(countSql, new { AccountId = accountId, TagId = tagId, Change = on ? changed : -changed, At = at }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return changed;
    }

    private const string RemarkSql = "UPDATE followers SET remark = @Remark, updated_at = @At WHERE account_id = @AccountId AND openid = @OpenId";

    /// <summary>Stores the remark the platform accepted; an empty remark is kept as none.</summary>
    public async Task<bool> SetRemarkAsync(DbTransaction transaction, int accountId, string openId, string? remark, DateTimeOffset at, CancellationToken ct = default) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(RemarkSql, new { AccountId = accountId, OpenId = openId, Remark = string.IsNullOrEmpty(remark) ? null : remark, At = at }, transaction, cancellationToken: ct)).ConfigureAwait(false) == 1;

    /// <summary>Opens a connection with a transaction for a change and its audit entry.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> change, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await change(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }
}
