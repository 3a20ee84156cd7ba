using Microsoft.Extensions.Time.Testing;
using Portal.Core.Settings;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public abstract class SettingsStoreTests(TestDatabase database)
{
    private readonly SettingsStore _store = new(database.Factory, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));

    [Fact]
    public async Task A_setting_is_stored_overwritten_and_deleted()
    {
        var key = "greeting." + Guid.NewGuid().ToString("N");
        Assert.Null(await _store.GetAsync(TestAccounts.DefaultId, key));

        await _store.SetAsync(TestAccounts.DefaultId, key, "你好 👋");
        Assert.Equal("你好 👋", await _store.GetAsync(TestAccounts.DefaultId, key));
        await _store.SetAsync(TestAccounts.DefaultId, key, "hello");
        Assert.Equal("hello", await _store.GetAsync(TestAccounts.DefaultId, key));

        Assert.True(await _store.DeleteAsync(TestAccounts.DefaultId, key));
        Assert.Null(await _store.GetAsync(TestAccounts.DefaultId, key));
        Assert.False(await _store.DeleteAsync(TestAccounts.DefaultId, key));
    }
}

public sealed class SqliteSettingsStoreTests(SqliteTestDatabase database) : SettingsStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresSettingsStoreTests(PostgresTestDatabase database) : SettingsStoreTests(database), IClassFixture<PostgresTestDatabase>;
