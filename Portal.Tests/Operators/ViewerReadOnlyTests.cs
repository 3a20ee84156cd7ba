using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Operators;

namespace Portal.Tests.Operators;

/// <summary>
/// A viewer opens every page an editor changes things on: each form that would end on "Not allowed" is
/// shown disabled with a note saying why, so nothing invites typing that cannot be saved; an editor gets
/// the same pages enabled, and a viewer's own password form stays usable.
/// </summary>
public sealed class ViewerReadOnlyTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<string[]> PagesAsync()
    {
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小蓝", null), withProfile: true);
        return
        [
            "/admin/site", "/admin/site/home", "/admin/site/articles", "/admin/site/articles/edit", "/admin/site/pages",
            "/admin/site/pages/edit", "/admin/site/media", "/admin/coupons", "/admin/counter", "/admin/membership",
            $"/admin/members/{member.Id}", "/admin/tags", "/admin/rules", "/admin/rules/edit", "/admin/menu", "/admin/menu/conditional",
            "/admin/inbox", "/admin/followers",
        ];
    }

    [Fact]
    public async Task A_viewer_sees_every_change_form_disabled_with_a_note()
    {
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        var checkedForms = 0;
        foreach (var url in await PagesAsync())
        {
            var document = new HtmlParser().ParseDocument(await viewer.GetPageAsync(url));
            var forms = ChangeForms(document).ToList();
            foreach (var form in forms)
            {
                foreach (var control in Controls(form))
                {
                    Assert.True(control.Closest("fieldset[disabled]") is not null, $"{url}: {control.OuterHtml} is enabled for a viewer");
                    checkedForms++;
                }
            }
            if (forms.Count > 0)
                Assert.Equal(ReadOnlyForViewers.Note, document.QuerySelector("[data-testid=read-only-note]")?.TextContent);
            // Signing out is always possible.
            Assert.Null(document.QuerySelector("form[action='/admin/signout'] fieldset"));
        }
        Assert.True(checkedForms > 20, $"only {checkedForms} controls checked");

        var password = new HtmlParser().ParseDocument(await viewer.GetPageAsync("/admin/password"));
        Assert.Empty(password.QuerySelectorAll("fieldset[disabled]"));
        Assert.Null(password.QuerySelector("[data-testid=read-only-note]"));
    }

    [Fact]
    public async Task An_editor_gets_the_same_pages_enabled()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        foreach (var url in await PagesAsync())
        {
            var document = new HtmlParser().ParseDocument(await editor.GetPageAsync(url));
            Assert.Empty(document.QuerySelectorAll("fieldset.read-only"));
            Assert.Null(document.QuerySelector("[data-testid=read-only-note]"));
        }
        using var response = await editor.GetAsync("/admin/site");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<IElement> ChangeForms(IDocument document) =>
        document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) && f.GetAttribute("action") != "/admin/signout");

    private static IEnumerable<IElement> Controls(IElement form) =>
        form.QuerySelectorAll("button, select, textarea, input").Where(c => c.GetAttribute("type") != "hidden");
}
