using System.Net;
using Portal.Core.WeChat;
using Portal.Tests.Infrastructure;
using Portal.Tests.WeChat;

namespace Portal.Tests.Messaging;

/// <summary>GET /wx: the console's "verify server URL" button.</summary>
public sealed class WebhookVerificationTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_correctly_signed_check_gets_its_echostr_back()
    {
        using var response = await WeChatPush.For(app).VerifyAsync("5837835896451489886");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5837835896451489886", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("a+b/c=d&e")]
    [InlineData("你好 world")]
    public async Task An_echostr_that_needed_escaping_comes_back_as_it_was(string echostr)
    {
        using var response = await WeChatPush.For(app).VerifyAsync(echostr);
        Assert.Equal(echostr, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_official_url_vector_verifies_through_the_app()
    {
        var vector = Vectors.UrlSignatures.Single(v => v.Echostr is not null);
        await using var official = new PortalAppFactory();
        official.Settings["WeChat:Token"] = vector.Token;

        using var response = await official.CreateClient().GetAsync(
            $"/wx?signature={vector.Signature}&timestamp={vector.Timestamp}&nonce={vector.Nonce}&echostr={vector.Echostr}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(vector.Echostr, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_signature_is_forbidden_and_echoes_nothing()
    {
        var timestamp = InboundXml.Now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var wrong = Signature.Compute("another-token", timestamp, "123");
        using var response = await app.CreateClient().GetAsync($"/wx?signature={wrong}&timestamp={timestamp}&nonce=123&echostr=hello");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_check_without_a_signature_is_unauthorized()
    {
        using var response = await app.CreateClient().GetAsync("/wx?echostr=hello");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_methods_are_told_which_two_the_webhook_takes()
    {
        using var response = await app.CreateClient().PutAsync("/wx", new StringContent("<xml/>"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task A_trailing_slash_reaches_the_webhook_and_a_longer_path_does_not()
    {
        var vector = Vectors.UrlSignatures.Single(v => v.Echostr is not null);
        await using var official = new PortalAppFactory();
        official.Settings["WeChat:Token"] = vector.Token;
        var query = $"?signature={vector.Signature}&timestamp={vector.Timestamp}&nonce={vector.Nonce}&echostr={vector.Echostr}";

        using var slash = await official.CreateClient().GetAsync("/wx/" + query);
        using var longer = await official.CreateClient().GetAsync("/wx/other" + query);

        Assert.Equal(vector.Echostr, await slash.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, longer.StatusCode);
    }
}
