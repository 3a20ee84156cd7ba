using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>
/// The membership stores on a fresh SQLite or PostgreSQL database, on a clock the test moves. Built
/// without the web host: its background timers would fire once per second of every simulated day.
/// </summary>
public sealed class MembershipDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private MembershipDatabase(TestDatabase database)
    {
        _database = database;
        Members = new MemberStore(database.Factory, Clock);
        Ledger = new PointsLedger(database.Factory, Clock);
        CheckIns = new CheckIns(database.Factory, Ledger, Options.Create(new MembershipOptions()), Clock);
        Coupons = new Coupons(database.Factory, Clock);
    }

    // 09:00 in China: the middle of the account's day.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    public MemberStore Members { get; }
    public PointsLedger Ledger { get; }
    public CheckIns CheckIns { get; }
    public Coupons Coupons { get; }

    public static async Task<MembershipDatabase> StartAsync(string provider)
    {
        TestDatabase database = provider == "PostgreSql" ? new PostgresTestDatabase() : new SqliteTestDatabase();
        await database.InitializeAsync();
        return new MembershipDatabase(database);
    }

    public async Task<long> MemberAsync() =>
        (await Members.SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, null, null), withProfile: false)).Id;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();
}
