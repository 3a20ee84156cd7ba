using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Operators;

namespace Portal.Tests.Operators;

/// <summary><c>dotnet run --project Portal.Web -- create-owner &lt;name&gt;</c>, run against the app's own services.</summary>
public sealed class CreateOwnerCommandTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(int Code, string Output, string Error)> RunAsync(string? name, string input)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OperatorCommands.CreateOwnerAsync(app.Services, name, new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_password_comes_from_standard_input_and_the_owner_can_sign_in()
    {
        var (code, output, _) = await RunAsync("Root", "a password from stdin\n");
        Assert.Equal(0, code);
        Assert.Contains("Created owner root", output);

        using var browser = new AdminBrowser(app);
        using var signIn = await browser.SignInAsync("root", "a password from stdin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("owner", await browser.GetPageAsync("/admin/operators"));
        var entry = (await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "operator" })).First(e => e.Action == "create");
        Assert.Equal("create-owner", entry.OperatorName);

        var (again, _, error) = await RunAsync("root", "another long password\n");
        Assert.Equal(1, again);
        Assert.Contains("already exists", error);
    }

    [Fact]
    public async Task A_short_password_or_a_missing_name_is_refused_with_the_reason()
    {
        var (code, _, error) = await RunAsync("shorty", "short\n");
        Assert.Equal(2, code);
        Assert.Contains("at least 10 characters", error);
        Assert.Null(await app.Services.GetRequiredService<OperatorStore>().GetByNameAsync("shorty"));

        var (noName, _, usage) = await RunAsync(null, "");
        Assert.Equal(2, noName);
        Assert.Contains("usage: create-owner <name>", usage);
    }
}
