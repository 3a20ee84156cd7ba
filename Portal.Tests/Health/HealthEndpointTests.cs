using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task With_the_sqlite_default_healthz_answers_200()
    {
        await using var app = new PortalAppFactory();
        using var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.False(body.GetProperty("checks").TryGetProperty("redis", out _));
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "portal.db")));
    }

    [Fact]
    public async Task On_postgres_and_redis_healthz_checks_both()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        try
        {
            await using var app = new PortalAppFactory();
            app.Settings["Database:Provider"] = "PostgreSql";
            app.Settings["ConnectionStrings:Portal"] = database.ConnectionString;
            app.Settings["Redis:Configuration"] = TestServers.RedisConfiguration;
            app.Settings["Redis:KeyPrefix"] = TestServers.UniqueName("health") + ":";

            using var response = await app.CreateClient().GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Contains("PostgreSql", checks.GetProperty("database").GetProperty("description").GetString());
            Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_redis_does_not_answer_healthz_answers_503_and_names_it()
    {
        await using var app = new PortalAppFactory();
        // A port nothing listens on: Portal still starts, and says what is wrong.
        app.Settings["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=500";

        using var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["redis"], body.GetProperty("failing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
