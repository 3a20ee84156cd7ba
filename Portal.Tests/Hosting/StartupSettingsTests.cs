using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>Bad settings stop Portal at start with a message that names the setting, never its secret value.</summary>
public sealed class StartupSettingsTests
{
    private static OptionsValidationException StartFails(PortalAppFactory app)
    {
        var error = Record.Exception(() => app.CreateClient());
        return Assert.IsType<OptionsValidationException>(error);
    }

    [Fact]
    public async Task An_encoding_aes_key_of_the_wrong_length_stops_startup_and_names_the_setting()
    {
        await using var app = new PortalAppFactory();
        const string badKey = "SecretAesKeyThatIsTooShort";
        app.Settings["WeChat:EncodingAESKey"] = badKey;

        var error = StartFails(app);

        Assert.Contains("WeChat:EncodingAESKey", error.Message);
        Assert.Contains("WeChat__EncodingAESKey", error.Message);
        Assert.DoesNotContain(badKey, error.Message);
    }

    [Theory]
    [InlineData("WeChat:AppId", "not-an-appid")]
    [InlineData("WeChat:Token", "t!")]
    [InlineData("WeChat:Token", "ab")]
    [InlineData("WeChat:ApiBaseUrl", "/relative")]
    public async Task Each_malformed_account_setting_is_named(string setting, string value)
    {
        await using var app = new PortalAppFactory();
        app.Settings[setting] = value;

        Assert.Contains(setting, StartFails(app).Message);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public async Task A_retry_pause_cap_outside_a_second_to_an_hour_is_refused(string value)
    {
        await using var app = new PortalAppFactory();
        app.Settings["Outbox:MaxRetryDelay"] = value;

        Assert.Contains("Outbox:MaxRetryDelay", StartFails(app).Message);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused()
    {
        await using var app = new PortalAppFactory();
        app.Settings["Database:Provider"] = "PostgreSql";

        Assert.Contains("ConnectionStrings:Portal", StartFails(app).Message);
    }

    [Fact]
    public async Task The_sandbox_is_refused_in_production()
    {
        await using var app = new PortalAppFactory { Environment = "Production" };
        app.Settings["Sandbox:Enabled"] = "true";

        Assert.Contains("Sandbox:Enabled", StartFails(app).Message);
    }

    [Fact]
    public async Task With_the_sandbox_on_an_empty_account_is_filled_with_stable_generated_credentials()
    {
        string first;
        await using (var app = new PortalAppFactory())
        {
            app.Settings["Sandbox:Enabled"] = "true";
            foreach (var key in new[] { "WeChat:AppId", "WeChat:AppSecret", "WeChat:Token", "WeChat:EncodingAESKey" })
                app.Settings[key] = "";
            var options = app.Services.GetRequiredService<IOptions<Portal.Core.Platform.WeChatOptions>>().Value;
            Assert.Matches("^wx[0-9a-f]{16}$", options.AppId);
            Assert.Equal(43, options.EncodingAESKey.Length);
            first = options.AppId;

            // The next start on the same data folder is the same account.
            await using var again = new PortalAppFactory();
            again.Settings["Sandbox:Enabled"] = "true";
            again.Settings["Database:DataFolder"] = app.DataFolder;
            again.Settings["WeChat:AppId"] = "";
            Assert.Equal(first, again.Services.GetRequiredService<IOptions<Portal.Core.Platform.WeChatOptions>>().Value.AppId);
        }
    }

    [Fact]
    public void Committed_settings_files_hold_no_secrets()
    {
        var web = Path.Combine(RepositoryRoot(), "Portal.Web");
        foreach (var file in Directory.GetFiles(web, "appsettings*.json"))
        {
            var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            foreach (var secret in new[] { "AppSecret", "EncodingAESKey", "ApiV3Key", "PrivateKey" })
                Assert.True(FindNonEmpty(json.RootElement, secret) is null, $"{Path.GetFileName(file)} sets {secret}");
        }
    }

    private static string? FindNonEmpty(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > 0)
                return property.Value.GetString();
            if (FindNonEmpty(property.Value, name) is { } found)
                return found;
        }
        return null;
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test folder.");
    }
}
