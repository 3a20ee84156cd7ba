using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>The page-signing endpoint the share script calls: this site's pages only.</summary>
public sealed class JsSdkEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_page_of_this_site_gets_a_config_for_its_exact_url()
    {
        var url = "http://localhost/site/articles/1?from=timeline&isappinstalled=0";

        var config = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/jssdk/config?url={Uri.EscapeDataString(url + "#top")}");

        Assert.Equal(PortalAppFactory.AppId, config.GetProperty("appId").GetString());
        var ticket = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Portal.Core.Platform.JsApiTicketBroker>(app.Services).GetAsync(Portal.Tests.Infrastructure.TestAccounts.DefaultAccount(app.Services));
        var expected = Portal.Core.WeChat.JsSdkSignature.Compute(ticket, config.GetProperty("nonceStr").GetString()!, config.GetProperty("timestamp").GetInt64(), url);
        Assert.Equal(expected, config.GetProperty("signature").GetString());
    }

    [Theory]
    [InlineData("https://elsewhere.example/page")]
    [InlineData("/relative/page")]
    [InlineData("")]
    public async Task Pages_of_other_sites_and_relative_urls_are_refused(string url)
    {
        using var response = await app.CreateClient().GetAsync($"/jssdk/config?url={Uri.EscapeDataString(url)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
