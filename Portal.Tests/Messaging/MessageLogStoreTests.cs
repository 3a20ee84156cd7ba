using Dapper;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

public abstract class MessageLogStoreTests(TestDatabase database)
{
    private readonly MessageLogStore _store = new(database.Factory);

    protected TestDatabase Database => database;

    protected MessageLogStore Store => _store;

    protected static MessageLogEntry Entry(string openId, string content) => new()
    {
        Direction = MessageLogEntry.In,
        OpenId = openId,
        MsgType = "text",
        Content = content,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task A_followers_history_comes_newest_first_without_other_followers_messages()
    {
        var (me, other) = (InboundXml.NewOpenId(), InboundXml.NewOpenId());
        foreach (var (who, text) in new[] { (me, "one"), (other, "x"), (me, "two"), (me, "three"), (other, "y") })
            await _store.InsertAsync(Entry(who, text));

        var history = await _store.ForFollowerAsync(me);

        Assert.Equal(["three", "two", "one"], history.Select(e => e.Content));
        Assert.Equal(["two", "one"], (await _store.ForFollowerAsync(me, limit: 3)).Skip(1).Select(e => e.Content));
    }
}

public sealed class SqliteMessageLogStoreTests(SqliteTestDatabase database) : MessageLogStoreTests(database), IClassFixture<SqliteTestDatabase>
{
    private async Task<int> IndexPassAsync(int maxRows)
    {
        await using var connection = await Database.Factory.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var indexed = await FollowerHistoryIndexer.IndexPassAsync(connection, transaction, maxRows);
        await transaction.CommitAsync();
        return indexed;
    }

    [Fact]
    public async Task History_is_complete_whether_rows_are_indexed_yet_or_still_in_the_logs_tail()
    {
        var me = InboundXml.NewOpenId();
        for (var i = 1; i <= 6; i++)
            await Store.InsertAsync(Entry(me, $"m{i}"));
        while (await IndexPassAsync(2) > 0)
        {
            // index everything so far, two rows a pass
        }
        for (var i = 7; i <= 9; i++)
            await Store.InsertAsync(Entry(me, $"m{i}")); // the unindexed tail

        Assert.Equal(["m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2", "m1"], (await Store.ForFollowerAsync(me)).Select(e => e.Content));
        Assert.Equal(["m9", "m8", "m7", "m6"], (await Store.ForFollowerAsync(me, limit: 4)).Select(e => e.Content));

        await using var connection = await Database.Factory.OpenAsync();
        var indexed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM message_log_by_follower WHERE openid = @me", new { me });
        Assert.Equal(6, indexed);
    }
}

public sealed class PostgresMessageLogStoreTests(PostgresTestDatabase database) : MessageLogStoreTests(database), IClassFixture<PostgresTestDatabase>;
