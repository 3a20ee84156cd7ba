using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Data;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Members;

/// <summary>
/// The phone page's promise: staff find a member by the number they bound, at the counter and in the
/// members list (whole number, first digits, last four), lists show it masked, and the member's page
/// shows it with the name and birthday they gave. Real HTTP, on SQLite and on PostgreSQL.
/// </summary>
public sealed class MemberPhoneLookupTests : IAsyncLifetime
{
    private readonly SharedStateInstances _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    private PortalAppFactory App(string database) => database == "postgres" ? _postgres.Instance(redis: false) : new PortalAppFactory();

    /// <summary>A member who signed in and bound <paramref name="phone"/> the way the phone page does it, with the SMS code.</summary>
    private static async Task<Member> MemberWithPhoneAsync(PortalAppFactory app, string nickname, string phone)
    {
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, nickname, null), withProfile: true);
        var phones = app.Services.GetRequiredService<PhoneVerification>();
        Assert.Equal(PhoneCodeRequest.Sent, await phones.SendCodeAsync(member.Id, phone));
        Assert.Equal(PhoneCodeCheck.Bound, await phones.BindAsync(TestAccounts.DefaultId, member.Id, phone, app.Services.GetRequiredService<SandboxSms>().Recent(1).Single().Code));
        return member;
    }

    private static string ListedIds(string page) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(page, "<a href=\"/admin/members/(\\d+)\">").Select(m => m.Groups[1].Value));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_members_list_finds_a_member_by_whole_number_first_digits_or_last_four_and_masks_it(string database)
    {
        await using var app = App(database);
        var zhang = await MemberWithPhoneAsync(app, "小张", "13800138000");
        var li = await MemberWithPhoneAsync(app, "小李", "13912345678");
        await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "No phone", null), withProfile: true);
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        foreach (var query in new[] { "13800138000", "138 0013 8000", "+86 138-0013-8000", "8000", "1380" })
            Assert.Equal($"{zhang.Id}", ListedIds(await viewer.GetPageAsync("/admin/members?q=" + Uri.EscapeDataString(query))));
        Assert.Equal($"{li.Id}", ListedIds(await viewer.GetPageAsync("/admin/members?q=139")));
        Assert.Equal("", ListedIds(await viewer.GetPageAsync("/admin/members?q=13700000000")));

        var list = await viewer.GetPageAsync("/admin/members");
        Assert.Contains("138****8000", list);
        Assert.Contains("139****5678", list);
        Assert.DoesNotContain("13800138000", list);
        Assert.DoesNotContain("13912345678", list);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_member_page_shows_the_whole_number_and_the_profile_the_member_gave(string database)
    {
        await using var app = App(database);
        var zhang = await MemberWithPhoneAsync(app, "小张", "13800138000");
        await app.Services.GetRequiredService<MemberStore>().SaveProfileAsync(TestAccounts.DefaultId, zhang.Id, "张三", new DateOnly(1990, 5, 1));
        var bare = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, null, null), withProfile: false);
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        var page = WebUtility.HtmlDecode(await viewer.GetPageAsync($"/admin/members/{zhang.Id}"));
        Assert.Contains("data-testid=\"member-phone\">+8613800138000<", page);
        Assert.Contains("data-testid=\"member-name\">张三<", page);
        Assert.Contains("data-testid=\"member-birthday\">1990-05-01<", page);

        var empty = await viewer.GetPageAsync($"/admin/members/{bare.Id}");
        Assert.Contains("data-testid=\"member-phone\">not bound<", empty);
        Assert.Contains("data-testid=\"member-name\">not given<", empty);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task At_the_counter_staff_find_a_member_by_the_phone_they_bound_and_add_points(string database)
    {
        await using var app = App(database);
        var zhang = await MemberWithPhoneAsync(app, "小张", "13800138000");
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        // The member never opened their code page: finding them by phone gives them their code.
        var page = await editor.GetPageAsync("/admin/counter?code=138%200013%208000");
        var code = (await app.Services.GetRequiredService<MemberStore>().FindAsync(TestAccounts.DefaultId, zhang.OpenId))!.MemberCode;
        Assert.NotNull(code);
        Assert.Contains($"href=\"/admin/members/{zhang.Id}\"", page);
        Assert.Contains("data-testid=\"counter-phone\">Phone 138****8000<", page);
        // Found by phone, the page carries the member code on: the whole number is not written back into it.
        Assert.DoesNotContain("13800138000", page.Replace("138%200013%208000", ""));
        Assert.Contains($"name=\"code\" value=\"{code}\"", page);

        var key = System.Text.RegularExpressions.Regex.Match(page, "name=\"key\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        using (var added = await editor.PostFormAsync("/admin/counter?code=13800138000", "/admin/counter?handler=Points",
                   new() { ["code"] = code, ["points"] = "25", ["reason"] = "In-store purchase", ["key"] = key }))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("data-testid=\"counter-balance\">25<", await editor.GetPageAsync("/admin/counter?code=13800138000"));

        var unknown = await editor.GetPageAsync("/admin/counter?code=13700000000");
        Assert.Contains("No member has bound that phone number", unknown);
    }
}

/// <summary>The migration that indexed the last four digits fills them in for numbers bound before it.</summary>
public abstract class PhoneLastFourBackfillTests(TestDatabase database)
{
    [Fact]
    public async Task Numbers_bound_before_the_migration_are_found_by_their_last_four()
    {
        await using (var connection = await database.Factory.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 23");
            await connection.ExecuteAsync("DROP INDEX ix_members_phone_last4");
            await connection.ExecuteAsync("ALTER TABLE members DROP COLUMN phone_last4");
        }
        var store = new MemberStore(database.Factory, TimeProvider.System);
        var member = await store.SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "Old", null), withProfile: true);
        await using (var connection = await database.Factory.OpenAsync())
            await connection.ExecuteAsync("UPDATE members SET phone = '+8613800138000' WHERE id = @Id", new { member.Id });

        await new MigrationRunner(database.Factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();

        var found = await new Portal.Core.Members.MemberDirectory(database.Factory).SearchAsync(TestAccounts.DefaultId, "8000");
        Assert.Equal(member.Id, Assert.Single(found).Id);
        Assert.Equal("138****8000", found[0].MaskedPhone);
    }
}

public sealed class SqlitePhoneLastFourBackfillTests(SqliteTestDatabase database) : PhoneLastFourBackfillTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresPhoneLastFourBackfillTests(PostgresTestDatabase database) : PhoneLastFourBackfillTests(database), IClassFixture<PostgresTestDatabase>;
