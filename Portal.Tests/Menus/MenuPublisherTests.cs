using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Menus;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Tests.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Menus;

/// <summary>Publishing, rolling back and pulling menus through the sandbox platform, on both databases.</summary>
public sealed class MenuPublisherTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    private PortalAppFactory App(string database)
    {
        var app = new PortalAppFactory();
        if (database == "PostgreSql")
        {
            app.Settings["Database:Provider"] = "PostgreSql";
            app.Settings["ConnectionStrings:Portal"] = _postgres.ConnectionString;
        }
        return app;
    }

    private static readonly Menu First = new(MenuButton.Click("Today", "TODAY"), MenuButton.View("Shop", "https://shop.example/"));
    private static readonly Menu Second = new(MenuButton.Click("今日", "TODAY"), MenuButton.Parent("More", MenuButton.Click("Hours", "HOURS")));

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Publishing_puts_the_menu_on_the_platform_and_a_rollback_is_a_new_version(string database)
    {
        await using var app = App(database);
        var publisher = app.Services.GetRequiredService<MenuPublisher>();
        var platform = app.Services.GetRequiredService<SandboxMenus>();

        var first = await publisher.PublishAsync(app.Services.DefaultAccount(), First, null, "alice");
        var second = await publisher.PublishAsync(app.Services.DefaultAccount(), Second, null, "bob");
        Assert.Equal(MenuJson.Write(Second), MenuJson.Write(platform.Published().Default!.InPortal()));

        var rollback = await publisher.RollbackAsync(app.Services.DefaultAccount(), first.Version!.Id, "carol");

        Assert.True(rollback.Succeeded);
        Assert.Equal(MenuJson.Write(First), MenuJson.Write(platform.Published().Default!.InPortal()));
        var history = await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId);
        Assert.Equal([rollback.Version!.Id, second.Version!.Id, first.Version.Id], history.Select(v => v.Id));
        Assert.Equal(("carol", MenuVersionSources.Rollback, $"rollback to version {first.Version.Id}"), (history[0].CreatedBy, history[0].Source, history[0].Note));
        Assert.Equal("bob", history[1].CreatedBy);
    }

    [Fact]
    public async Task An_invalid_menu_is_refused_with_the_rule_broken_and_nothing_reaches_the_platform()
    {
        await using var app = App("Sqlite");
        var publisher = app.Services.GetRequiredService<MenuPublisher>();
        var tooMany = new Menu(MenuButton.Click("A", "A"), MenuButton.Click("B", "B"), MenuButton.Click("C", "C"), MenuButton.Click("D", "D"));

        var result = await publisher.PublishAsync(app.Services.DefaultAccount(), tooMany, null, "alice");

        Assert.False(result.Succeeded);
        Assert.Equal(MenuErrorCodes.ButtonCount, Assert.Single(result.Problems).Code);
        Assert.Null(app.Services.GetRequiredService<SandboxMenus>().Published().Default);
        Assert.Empty(await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId));
    }

    [Fact]
    public async Task A_platform_refusal_is_reported_in_plain_words_and_not_recorded()
    {
        await using var app = App("Sqlite");
        app.Settings["Sandbox:DailyQuotas:menu/create"] = "0";

        var result = await app.Services.GetRequiredService<MenuPublisher>().PublishAsync(app.Services.DefaultAccount(), First, null, "alice");

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(WeChatErrorCodes.DailyQuotaReached, problem.Code);
        Assert.Contains("daily limit", problem.Message);
        Assert.Empty(await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId));
    }

    [Fact]
    public async Task A_menu_changed_elsewhere_is_pulled_into_the_history_once()
    {
        await using var app = App("Sqlite");
        var publisher = app.Services.GetRequiredService<MenuPublisher>();
        await publisher.PublishAsync(app.Services.DefaultAccount(), First, null, "alice");
        // Someone edits the menu in the WeChat console.
        app.Services.GetRequiredService<SandboxMenus>().Publish(Second);

        var pulled = await publisher.PullAsync(app.Services.DefaultAccount(), "bob");
        var again = await publisher.PullAsync(app.Services.DefaultAccount(), "bob");

        Assert.Equal(MenuVersionSources.Pull, pulled!.Source);
        Assert.Equal(pulled.Id, again!.Id);
        Assert.Equal(MenuJson.Write(Second), MenuJson.Write(pulled.Menu));
        Assert.Equal(2, (await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId)).Count);
    }

    [Fact]
    public async Task A_conditional_menu_gets_the_platforms_id_and_its_rule_is_kept()
    {
        await using var app = App("Sqlite");
        var publisher = app.Services.GetRequiredService<MenuPublisher>();
        await publisher.PublishAsync(app.Services.DefaultAccount(), First, null, "alice");

        var result = await publisher.PublishAsync(app.Services.DefaultAccount(), Second, new MatchRule { TagId = "100" }, "alice");

        Assert.True(result.Succeeded);
        Assert.NotNull(result.Version!.PlatformMenuId);
        var stored = await app.Services.GetRequiredService<MenuVersionStore>().GetAsync(TestAccounts.DefaultId, result.Version.Id);
        Assert.Equal("100", stored!.Rule!.TagId);
    }

    [Fact]
    public async Task A_draft_is_kept_with_its_problems_until_published()
    {
        await using var app = App("Sqlite");
        var drafts = app.Services.GetRequiredService<MenuDraftStore>();
        var unfinished = new Menu(MenuButton.Click("", "KEY"));

        await drafts.SaveAsync(TestAccounts.DefaultId, MenuDraftStore.DefaultSlot, unfinished, null, "alice");

        var draft = await drafts.GetAsync(TestAccounts.DefaultId, MenuDraftStore.DefaultSlot);
        Assert.Equal(MenuJson.Write(unfinished), MenuJson.Write(draft!.Menu));
        Assert.NotEmpty(MenuRules.Check(draft.Menu));
    }
}
