using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>The site over real HTTP: an editor's saves in the admin, then what followers' browsers get.</summary>
public sealed partial class SitePagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Dictionary<string, string> ArticleForm(string title, string body, bool published) => new()
    {
        ["Draft.Title"] = title,
        ["Draft.Summary"] = "摘要",
        ["Draft.BodyHtml"] = body,
        ["Draft.Published"] = published ? "true" : "false",
        ["Draft.Featured"] = "true",
        ["Share.Title"] = "分享标题 " + title,
        ["Share.Description"] = "分享描述",
        ["Share.Image"] = "/media/share.png",
    };

    private static async Task<long> CreateArticleAsync(AdminBrowser editor, string title, string body, bool published)
    {
        using var response = await editor.PostFormAsync("/admin/site/articles/edit", "/admin/site/articles/edit", ArticleForm(title, body, published));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Hostile_html_is_served_sanitized_with_the_articles_share_card_and_its_views_counted()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var title = "开业 " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(editor, title, "<p>欢迎<img src=x onerror=alert(1)><script>alert(2)</script><a href=\"JaVaScRiPt:alert(3)\">点</a></p>", published: true);

        using var http = app.CreateClient();
        var page = await http.GetStringAsync($"/articles/{id}");
        // "x" is neither a web address nor a site path: the image goes, as a javascript: link loses its href.
        Assert.Contains("<p>欢迎<a rel=\"nofollow noopener noreferrer\">点</a></p>", page);
        Assert.DoesNotContain("alert(", page);
        Assert.Contains($"<meta name=\"portal:share-title\" content=\"分享标题 {title}\">", page);
        Assert.Contains("<meta name=\"portal:share-description\" content=\"分享描述\">", page);
        Assert.Contains("<meta name=\"portal:share-image\" content=\"http://localhost/media/share.png\">", page);
        Assert.Contains($"<meta name=\"portal:share-link\" content=\"http://localhost/articles/{id}\">", page);

        // Every view counts, including those the output cache answers.
        using (await http.GetAsync($"/articles/{id}?from=singlemessage")) { }
        await app.Services.GetRequiredService<ReadCounts>().FlushAsync(); // written once a second; now, for the test
        Assert.Equal(2, (await app.Services.GetRequiredService<SiteStore>().GetArticleAsync(TestAccounts.DefaultId, id))!.ReadCount);
    }

    [Fact]
    public async Task An_unpublished_article_is_not_found_publicly_but_previewable_in_the_admin()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var id = await CreateArticleAsync(editor, "草稿", "<p>secret plan</p>", published: false);

        using var http = app.CreateClient();
        using var response = await http.GetAsync($"/articles/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        var preview = await viewer.GetPageAsync($"/admin/site/preview/article/{id}");
        Assert.Contains("<p>secret plan</p>", preview);
        Assert.Contains("data-testid=\"draft-note\"", preview);
    }

    [Fact]
    public async Task A_viewer_cannot_save()
    {
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        using var response = await viewer.PostFormAsync("/admin/site", "/admin/site", new() { ["Profile.SiteName"] = "hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("hijacked", (await app.Services.GetRequiredService<SiteStore>().GetProfileAsync(TestAccounts.DefaultId)).SiteName);
    }

    [Fact]
    public async Task The_home_page_is_cached_and_shows_a_save_at_once()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        using var http = app.CreateClient();
        var first = "店名 " + Guid.NewGuid().ToString("N")[..6];
        await SaveProfileAsync(editor, first);
        Assert.Contains(first, await http.GetStringAsync("/"));

        // A change made behind the cache's back (straight into the table) is not seen: the page is cached…
        await using (var connection = await app.Services.GetRequiredService<Portal.Core.Data.DbConnectionFactory>().OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE site_profile SET site_name = 'behind the cache'";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Contains(first, await http.GetStringAsync("/"));

        // …and an operator's save evicts it.
        var second = "新店名 " + Guid.NewGuid().ToString("N")[..6];
        await SaveProfileAsync(editor, second);
        var page = await http.GetStringAsync("/");
        Assert.Contains(second, page);
        Assert.Contains("/sandbox/phone", page);
    }

    private static async Task SaveProfileAsync(AdminBrowser editor, string name)
    {
        using var response = await editor.PostFormAsync("/admin/site", "/admin/site", new()
        {
            ["Profile.SiteName"] = name, ["Profile.Address"] = "北京市朝阳区", ["Profile.MapLink"] = "https://map.example/?q=1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Html_pages_are_compressed()
    {
        using var client = app.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/contact");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("br", response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_and_served_immutable_with_an_etag()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var fake = await UploadAsync(editor, "photo.jpg", "<script>alert(1)</script>"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.Status);
        Assert.Contains("not a JPEG, PNG, GIF or WebP image", fake.Body);

        var png = ImageFormatTests.Png.Concat(Guid.NewGuid().ToByteArray()).ToArray();
        var upload = await UploadAsync(editor, "logo.jpg", png);
        Assert.Equal(HttpStatusCode.Redirect, upload.Status);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        var list = await editor.GetPageAsync("/admin/site/media");
        Assert.Contains($"/media/{hash}.png", list);

        using var http = app.CreateClient();
        using var response = await http.GetAsync($"/media/{hash}.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        var etag = response.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/media/{hash}.png");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var missing = await http.GetAsync($"/media/{new string('0', 64)}.png");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var traversal = await http.GetAsync("/media/..%2Fportal.db");
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Body)> UploadAsync(AdminBrowser editor, string name, byte[] bytes)
    {
        var page = await editor.GetPageAsync("/admin/site/media");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", name },
        };
        using var response = await editor.PostAsync("/admin/site/media", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
