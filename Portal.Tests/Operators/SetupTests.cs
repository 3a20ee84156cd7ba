using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operators;

/// <summary>The first-run page creates exactly one first owner and then no longer exists.</summary>
public sealed class SetupTests
{
    private static Dictionary<string, string> Form(string name) =>
        new() { ["Name"] = name, ["Password"] = "first owner password", ["Confirm"] = "first owner password" };

    [Fact]
    public async Task Setup_creates_the_first_owner_signs_them_in_and_then_answers_404()
    {
        using var app = new PortalAppFactory();
        using var browser = new AdminBrowser(app);
        Assert.Contains("Create the first owner", await browser.GetPageAsync("/admin/signin"));

        using var mismatch = await browser.PostFormAsync("/admin/setup", "/admin/setup", new(Form("olivia")) { ["Confirm"] = "something else entirely" });
        Assert.Contains("The two passwords differ", await mismatch.Content.ReadAsStringAsync());

        using var created = await browser.PostFormAsync("/admin/setup", "/admin/setup", Form("Olivia"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var dashboard = await browser.GetPageAsync("/admin");
        Assert.Contains("olivia", dashboard);
        Assert.Contains("owner", dashboard);

        using var again = await browser.GetAsync("/admin/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var anonymous = new AdminBrowser(app);
        using var anonymousAgain = await anonymous.GetAsync("/admin/setup");
        Assert.Equal(HttpStatusCode.NotFound, anonymousAgain.StatusCode);
        Assert.DoesNotContain("Create the first owner", await anonymous.GetPageAsync("/admin/signin"));
    }

    [Fact]
    public async Task Setup_answers_404_once_the_command_has_created_an_owner()
    {
        using var app = new PortalAppFactory();
        await AdminBrowser.CreateOperatorAsync(app, "cli-owner", OperatorRole.Owner);
        using var browser = new AdminBrowser(app);
        using var page = await browser.GetAsync("/admin/setup");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Simultaneous_setups_create_exactly_one_owner()
    {
        using var app = new PortalAppFactory();
        const int people = 6;
        var browsers = Enumerable.Range(0, people).Select(_ => new AdminBrowser(app)).ToList();
        try
        {
            // Everyone has the form open (and its token) before anyone submits.
            var tokens = new List<string>();
            foreach (var b in browsers)
                tokens.Add(await b.GetPageAsync("/admin/setup"));
            using var start = new SemaphoreSlim(0);
            var submits = browsers.Select(async (b, i) =>
            {
                await start.WaitAsync();
                var token = System.Text.RegularExpressions.Regex.Match(tokens[i], "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
                using var response = await b.PostWithoutTokenAsync("/admin/setup", new(Form($"owner{i}")) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });
                return response.StatusCode;
            }).ToList();
            start.Release(people);
            var statuses = await Task.WhenAll(submits);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Redirect));
            Assert.Equal(people - 1, statuses.Count(s => s == HttpStatusCode.NotFound));
            var operators = await app.Services.GetRequiredService<OperatorStore>().ListAsync();
            Assert.Single(operators);
            Assert.Equal(OperatorRole.Owner, operators[0].Role);
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }
}
