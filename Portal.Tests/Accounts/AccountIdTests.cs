using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>
/// Account ids are what rows carry, so they must not move: the default account is 1 whatever its AppId, the
/// others keep the number they got when first seen through reordering, restarts and instances starting together.
/// Each test has a fresh database.
/// </summary>
public abstract class AccountIdTests
{
    private const string A = "wx5823bf96d3bd56c7";
    private const string B = "wxb11529c136998cb6";
    private const string C = "wx00000000000000c3";
    private const string D = "wx00000000000000d4";

    protected abstract TestDatabase NewDatabase();

    private static WeChatOptions Configured(string defaultAppId, params string[] others) => new()
    {
        AppId = defaultAppId,
        Token = "token" + defaultAppId[^4..],
        Accounts = others.Select(appId => new WeChatAccountSettings { AppId = appId, Token = "token" + appId[^4..], Name = "Shop " + appId[^2..] }).ToList(),
    };

    private static async Task<AccountDirectory> StartAsync(OwnedDatabase database, WeChatOptions options)
    {
        var directory = new AccountDirectory(Options.Create(options), new WeChatAccountStore(database.Factory, TimeProvider.System));
        await directory.LoadAsync();
        return directory;
    }

    private static Dictionary<string, int> Ids(AccountDirectory directory) => directory.All.ToDictionary(a => a.AppId, a => a.Id);

    [Fact]
    public async Task The_default_account_is_1_and_the_others_keep_their_ids_when_reordered_and_restarted()
    {
        await using var database = await OpenAsync();
        var first = await StartAsync(database, Configured(A, B, C));
        Assert.Equal(new Dictionary<string, int> { [A] = 1, [B] = 2, [C] = 3 }, Ids(first));
        Assert.True(first.Default.IsDefault);
        Assert.Equal(A, first.Default.AppId);
        Assert.Equal(A, first.Default.Name); // no name configured: the AppId stands in
        Assert.Equal("Shop b6", first.Find(2)!.Name);

        // C before B, D new, B left out for a while and brought back: nobody's number moves.
        var reordered = await StartAsync(database, Configured(A, C, D));
        Assert.Equal(new Dictionary<string, int> { [A] = 1, [C] = 3, [D] = 4 }, Ids(reordered));
        var back = await StartAsync(database, Configured(A, D, B));
        Assert.Equal(new Dictionary<string, int> { [A] = 1, [D] = 4, [B] = 2 }, Ids(back));

        Assert.Equal(B, back.Find(2)!.AppId);
        Assert.Equal(2, back.FindByAppId(B.ToUpperInvariant())!.Id);
        Assert.Equal(4, back.FindByAppId(D.AsSpan())!.Id);
        Assert.Null(back.Find(3));
        Assert.Null(back.FindByAppId("wx0000000000000000"));
    }

    [Fact]
    public async Task A_new_default_app_id_takes_over_id_1_and_an_existing_account_cannot_become_the_default()
    {
        await using var database = await OpenAsync();
        await StartAsync(database, Configured(A, B));

        // Moving from a test account to the real one keeps the data: id 1 now names the configured AppId.
        var moved = await StartAsync(database, Configured(C, B));
        Assert.Equal(new Dictionary<string, int> { [C] = 1, [B] = 2 }, Ids(moved));

        // B is account 2: making it the default would hand it account 1's rows, so Portal refuses to start.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(database, Configured(B, C)));
        Assert.Contains("WeChat:AppId", error.Message);
        Assert.Contains("account 2", error.Message);
    }

    [Fact]
    public async Task Instances_starting_together_agree_on_every_id()
    {
        await using var database = await OpenAsync();
        var starts = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => StartAsync(database, i % 2 == 0 ? Configured(A, B, C, D) : Configured(A, D, C, B))))
            .ToList();
        var directories = await Task.WhenAll(starts);

        var expected = Ids(directories[0]);
        Assert.Equal(1, expected[A]);
        // Racing inserts may leave a gap in PostgreSQL's numbering; what matters is one number each, the same everywhere.
        Assert.Equal(4, expected.Values.Distinct().Count());
        Assert.All(directories, d => Assert.Equal(expected, Ids(d)));
        await using var connection = await database.Factory.OpenAsync();
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM wechat_accounts"));
    }

    [Fact]
    public async Task Rows_written_before_accounts_existed_belong_to_account_1()
    {
        await using var database = await OpenAsync();
        await using var connection = await database.Factory.OpenAsync();
        foreach (var table in new[] { "message_log", "outbox" })
        {
            var columns = await connection.QueryAsync<string>(database.Provider == Portal.Core.Data.DatabaseProvider.Sqlite
                ? $"SELECT name FROM pragma_table_info('{table}') WHERE name = 'account_id' AND dflt_value = '1' AND \"notnull\" = 1"
                : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND column_name = 'account_id' AND column_default = '1' AND is_nullable = 'NO'");
            Assert.Single(columns);
        }
    }

    [Fact]
    public void An_account_shows_its_name_never_its_secrets()
    {
        var account = new WeChatAccount { Id = 2, AppId = B, Name = "Shop", AppSecret = "the-app-secret", Token = "thetoken", EncodingAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" };
        var shown = account.ToString();
        Assert.Contains(B, shown);
        Assert.DoesNotContain("the-app-secret", shown);
        Assert.DoesNotContain("thetoken", shown);
        Assert.DoesNotContain("abcdefghij", shown);
        Assert.False(account.IsDefault);
    }

    private async Task<OwnedDatabase> OpenAsync()
    {
        var database = NewDatabase();
        await database.InitializeAsync();
        return new OwnedDatabase(database);
    }

    /// <summary>A database of the test's own, dropped when the test ends.</summary>
    private sealed class OwnedDatabase(TestDatabase database) : IAsyncDisposable
    {
        public Portal.Core.Data.DbConnectionFactory Factory => database.Factory;

        public Portal.Core.Data.DatabaseProvider Provider => database.Provider;

        public ValueTask DisposeAsync() => new(database.DisposeAsync());
    }
}

public sealed class SqliteAccountIdTests : AccountIdTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresAccountIdTests : AccountIdTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
