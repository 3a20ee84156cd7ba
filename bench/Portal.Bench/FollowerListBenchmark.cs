using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Accounts;
using Portal.Core.Data;
using Portal.Core.Followers;

namespace Portal.Bench;

/// <summary>
/// The followers list at a million rows on PostgreSQL: seeds a fresh database with COPY (binary), then
/// times each kind of page through <see cref="FollowerStore"/>, next to a primary-key lookup measured in
/// the same run. Two figures per case: the store call as the admin page makes it (round trip and
/// mapping included), and the server's own execution time from EXPLAIN ANALYZE.
/// </summary>
public static class FollowerListBenchmark
{
    private const string Database = "portal_bench_followers";
    private const int Runs = 200;
    private const int TagCount = 20;
    private static readonly DateTimeOffset Epoch = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var server = args.Length > 0 ? args[0] : "Host=127.0.0.1;Port=55432;Username=portal;Database=postgres";
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var connectionString = await CreateDatabaseAsync(server);
        var options = Options.Create(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString, DataFolder = Path.GetTempPath() });
        using var db = new DbConnectionFactory(options);
        await new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();

        var seeding = Stopwatch.StartNew();
        await SeedAsync(connectionString, count);
        Console.WriteLine($"Seeded {count:N0} followers with tags and scenes in {seeding.Elapsed.TotalSeconds:F1} s");

        var store = new FollowerStore(db);
        var (deep, deepSubscribed, deepTag) = await DeepCursorsAsync(connectionString, count);
        var sampleOpenId = OpenId(count / 2);
        var cases = new (string Name, FollowerFilter Filter, FollowerCursor? After)[]
        {
            ("first page, no filter", new(), null),
            ($"deep page (row {count * 9 / 10:N0}), no filter", new(), deep),
            ("first page, following now", new(Subscribed: true), null),
            ("deep page, following now", new(Subscribed: true), deepSubscribed),
            ("first page, QR scene (1 in 250)", new(Scene: "poster-7"), null),
            ("first page, common tag (30 %)", new(TagId: 100), null),
            ("deep page, common tag", new(TagId: 100), deepTag),
            ("first page, rare tag (0.5 %)", new(TagId: 100 + TagCount - 1), null),
            ("first page, tag + following now", new(TagId: 101, Subscribed: true), null),
            ("remark prefix search", new(Search: "Customer 12"), null),
            ("exact OpenID search", new(Search: sampleOpenId), null),
        };

        var rows = new List<string>();
        var random = new Random(7);
        var baseline = await TimeAsync(() => store.GetAsync(WeChatAccount.DefaultId, OpenId(random.Next(count))));
        var baselineServer = await ServerTimeAsync(connectionString, "SELECT * FROM followers WHERE account_id = 1 AND openid = @OpenId", new { OpenId = sampleOpenId });
        rows.Add(Row("baseline: one follower by primary key", baseline, baselineServer, 1));
        foreach (var (name, filter, after) in cases)
        {
            var page = await store.ListAsync(WeChatAccount.DefaultId, filter, after);
            var timing = await TimeAsync(() => store.ListAsync(WeChatAccount.DefaultId, filter, after));
            var sql = store.ListSql(filter, after is not null, backwards: false);
            var search = filter.Search;
            var serverTime = await ServerTimeAsync(connectionString, sql, new
            {
                AccountId = WeChatAccount.DefaultId, filter.TagId, filter.Subscribed, filter.Scene, Search = search, Prefix = search, Upper = search + "\U0010FFFF",
                At = after?.ListedAt.UtcDateTime, OpenId = after?.OpenId, Limit = FollowerStore.PageSize + 1,
            });
            rows.Add(Row(name, timing, serverTime, page.Rows.Count));
        }

        // What keyset paging avoids: the same deep page by OFFSET (server time only; the list never does this).
        var offset = await ServerTimeAsync(connectionString, "SELECT * FROM followers ORDER BY listed_at DESC, openid DESC OFFSET @Offset LIMIT @Limit",
            new { Offset = count * 9 / 10, Limit = FollowerStore.PageSize + 1 });
        rows.Add(string.Create(CultureInfo.InvariantCulture, $"| for comparison: the deep page by OFFSET (not used) | {FollowerStore.PageSize + 1} | – | – | {offset.Median:F2} ms | {offset.P95:F2} ms |"));

        Console.WriteLine();
        Console.WriteLine($"| case ({count:N0} followers, pages of {FollowerStore.PageSize}) | rows | store call median | store call p95 | server median | server p95 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
            Console.WriteLine(row);
        return 0;
    }

    private static string Row(string name, (double Median, double P95) call, (double Median, double P95) server, int rows) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {rows} | {call.Median:F2} ms | {call.P95:F2} ms | {server.Median:F2} ms | {server.P95:F2} ms |");

    private static async Task<(double Median, double P95)> TimeAsync<T>(Func<Task<T>> call)
    {
        for (var i = 0; i < 20; i++)
            await call();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return Percentiles(times);
    }

    // The server's own figure: EXPLAIN ANALYZE's execution time, without per-node timing overhead.
    private static async Task<(double Median, double P95)> ServerTimeAsync(string connectionString, string sql, object args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var times = new double[Runs / 2];
        for (var i = -10; i < times.Length; i++)
        {
            var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, args);
            if (i >= 0)
                times[i] = JsonDocument.Parse(json!).RootElement[0].GetProperty("Execution Time").GetDouble();
        }
        return Percentiles(times);
    }

    private static (double Median, double P95) Percentiles(double[] times)
    {
        Array.Sort(times);
        return (times[times.Length / 2], times[(int)Math.Ceiling(times.Length * 0.95) - 1]);
    }

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await admin.ExecuteAsync($"CREATE DATABASE {Database}");
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
    }

    private static string OpenId(int i) => "oBench" + i.ToString("D22", CultureInfo.InvariantCulture);

    /// <summary>When follower <paramref name="i"/> followed: spread over three years, a few per second at most.</summary>
    private static DateTime ListedAt(int i, int count) => Epoch.AddSeconds((long)i * (3L * 365 * 86400) / count).UtcDateTime;

    private static async Task SeedAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(42);
        var now = DateTime.UtcNow;
        var tags = new List<(int TagId, string OpenId, DateTime ListedAt)>();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY followers (openid, subscribed, subscribed_at, unsubscribed_at, qr_scene, remark, last_interaction_at, language, subscribe_scene, listed_at, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var openId = OpenId(i);
                var listed = ListedAt(i, count);
                var subscribed = random.Next(10) != 0;
                var scene = random.Next(5) == 0 ? $"poster-{random.Next(50)}" : null;
                await writer.StartRowAsync();
                await writer.WriteAsync(openId, NpgsqlDbType.Text);
                await writer.WriteAsync(subscribed, NpgsqlDbType.Boolean);
                await writer.WriteAsync(listed, NpgsqlDbType.TimestampTz);
                if (subscribed) await writer.WriteNullAsync(); else await writer.WriteAsync(listed.AddDays(30), NpgsqlDbType.TimestampTz);
                if (scene is null) await writer.WriteNullAsync(); else await writer.WriteAsync(scene, NpgsqlDbType.Text);
                if (random.Next(10) == 0) await writer.WriteAsync($"Customer {i}", NpgsqlDbType.Text); else await writer.WriteNullAsync();
                await writer.WriteAsync(listed.AddDays(random.Next(60)), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("zh_CN", NpgsqlDbType.Text);
                await writer.WriteAsync(scene is null ? "ADD_SCENE_SEARCH" : "ADD_SCENE_QR_CODE", NpgsqlDbType.Text);
                await writer.WriteAsync(listed, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                // Tag 100 on 30 %, then ever rarer: tag 119 on 0.5 %.
                for (var t = 0; t < TagCount; t++)
                {
                    if (random.NextDouble() < 0.30 / (1 + t * 3))
                        tags.Add((100 + t, openId, listed));
                }
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY follower_tags (tag_id, openid, listed_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (tagId, openId, listed) in tags)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(tagId, NpgsqlDbType.Integer);
                await writer.WriteAsync(openId, NpgsqlDbType.Text);
                await writer.WriteAsync(listed, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        for (var t = 0; t < TagCount; t++)
            await connection.ExecuteAsync("INSERT INTO tags (id, name, follower_count, updated_at) VALUES (@Id, @Name, 0, now())", new { Id = 100 + t, Name = $"tag {t}" });
        await connection.ExecuteAsync("UPDATE tags SET follower_count = (SELECT COUNT(*) FROM follower_tags WHERE tag_id = tags.id)");
        await connection.ExecuteAsync("VACUUM ANALYZE followers");
        await connection.ExecuteAsync("VACUUM ANALYZE follower_tags");
    }

    // Cursors deep in each list, found once with OFFSET (which the list itself never uses).
    private static async Task<(FollowerCursor, FollowerCursor, FollowerCursor)> DeepCursorsAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<FollowerCursor> At(string sql, int offset)
        {
            var row = await connection.QuerySingleAsync<(DateTime ListedAt, string OpenId)>(sql + " OFFSET @Offset LIMIT 1", new { Offset = offset });
            return new FollowerCursor(new DateTimeOffset(DateTime.SpecifyKind(row.ListedAt, DateTimeKind.Utc)), row.OpenId);
        }
        return (
            await At("SELECT listed_at, openid FROM followers ORDER BY listed_at DESC, openid DESC", count * 9 / 10),
            await At("SELECT listed_at, openid FROM followers WHERE subscribed ORDER BY listed_at DESC, openid DESC", count * 8 / 10),
            await At("SELECT listed_at, openid FROM follower_tags WHERE tag_id = 100 ORDER BY listed_at DESC, openid DESC", count * 25 / 100));
    }
}
