using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Data;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>
/// Migration 0024 makes a message's key unique in the log. Logs from earlier versions may hold a message twice
/// (a retry after a Redis restart ran it again): the first row keeps the key, later ones keep their history.
/// </summary>
public abstract class MessageKeyMigrationTests(TestDatabase database)
{
    [Fact]
    public async Task A_message_logged_twice_by_an_earlier_version_keeps_its_first_row_as_the_answer()
    {
        var key = "wx-test:o-twice:" + Guid.NewGuid().ToString("N");
        await using (var connection = await database.Factory.OpenAsync())
        {
            // Back to the schema before the migration, with the rows the old code wrote.
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 24");
            await connection.ExecuteAsync("DROP INDEX ux_message_log_in_key");
            foreach (var reply in new[] { "first answer", "second answer" })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO message_log (direction, openid, msg_type, dedup_key, content, reply_type, reply_body, created_at) VALUES ('in', 'o-twice', 'text', @Key, 'hi', 'text', @Body, @At)",
                    new { Key = key, Body = ReplyJson.Serialize(new Portal.Core.WeChat.Replies.TextReply(reply)), At = DateTimeOffset.UtcNow });
            }
        }

        await new MigrationRunner(database.Factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();

        var answer = await new MessageBackstop(database.Factory).FindAsync(key);
        Assert.Equal("first answer", Assert.IsType<Portal.Core.WeChat.Replies.TextReply>(answer!.Reply).Content);
        await using var check = await database.Factory.OpenAsync();
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM message_log WHERE openid = 'o-twice'"));

        // From now on the log refuses a second row for the key, without failing the commit it is in.
        await new MessageLogStore(database.Factory).InsertAsync(new MessageLogEntry
        {
            Direction = MessageLogEntry.In, OpenId = "o-twice", MsgType = "text", DedupKey = key, Content = "hi", CreatedAt = DateTimeOffset.UtcNow,
        });
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM message_log WHERE openid = 'o-twice'"));
    }
}

public sealed class SqliteMessageKeyMigrationTests(SqliteTestDatabase database) : MessageKeyMigrationTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresMessageKeyMigrationTests(PostgresTestDatabase database) : MessageKeyMigrationTests(database), IClassFixture<PostgresTestDatabase>;
