using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.WeChat;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Messaging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Sandbox.Accounts;

/// <summary>
/// The sandbox plays every configured account at once: each has its own credentials, tokens, followers
/// (OpenIDs are per account), tags and menus, and its pushes go to its own webhook, signed and encrypted
/// with its own Token and key.
/// </summary>
public sealed class SandboxAccountsTests
{
    private const string SecondSecret = "second-app-secret";

    [Fact]
    public async Task A_token_reaches_only_its_own_accounts_followers_tags_and_menus()
    {
        await using var app = new PortalAppFactory().WithSecondAccount();
        using var http = app.CreateClient();
        var theirs = app.Services.GetRequiredService<SandboxWorld>().Find(PortalAppFactory.SecondAppId)!.Followers.Seed(1, "Second's")[0].OpenId;
        var ours = app.FollowerWhoJustWrote();
        var first = await TokenAsync(http, PortalAppFactory.AppId, "test-app-secret");
        var second = await TokenAsync(http, PortalAppFactory.SecondAppId, SecondSecret);

        Assert.Equal(1, (await GetAsync(http, $"user/info?access_token={second}&openid={theirs}")).GetProperty("subscribe").GetInt32());
        Assert.Equal(40003, ErrorCode(await GetAsync(http, $"user/info?access_token={first}&openid={theirs}")));
        Assert.Equal(40003, ErrorCode(await GetAsync(http, $"user/info?access_token={second}&openid={ours}")));
        Assert.Equal([theirs], Ids(await GetAsync(http, $"user/get?access_token={second}")));
        Assert.DoesNotContain(theirs, Ids(await GetAsync(http, $"user/get?access_token={first}")));

        var tag = await PostAsync(http, $"tags/create?access_token={second}", new { tag = new { name = "Second's VIP" } });
        Assert.Equal("Second's VIP", tag.GetProperty("tag").GetProperty("name").GetString());
        Assert.DoesNotContain("Second's VIP", (await GetAsync(http, $"tags/get?access_token={first}")).GetRawText());

        Assert.Equal(0, ErrorCode(await PostAsync(http, $"menu/create?access_token={second}", new { button = new[] { new { type = "click", name = "Second", key = "SECOND" } } })));
        Assert.Equal(46003, ErrorCode(await GetAsync(http, $"menu/get?access_token={first}")));
        Assert.Contains("SECOND", (await GetAsync(http, $"menu/get?access_token={second}")).GetRawText());
    }

    [Fact]
    public async Task Each_account_needs_its_own_secret()
    {
        await using var app = new PortalAppFactory().WithSecondAccount();
        using var http = app.CreateClient();

        Assert.Equal(40125, ErrorCode(await PostAsync(http, "stable_token", new { grant_type = "client_credential", appid = PortalAppFactory.SecondAppId, secret = "test-app-secret" })));
        Assert.Equal(40013, ErrorCode(await PostAsync(http, "stable_token", new { grant_type = "client_credential", appid = "wx00000000000000ff", secret = SecondSecret })));
    }

    [Fact]
    public async Task The_phone_page_offers_every_account_and_each_pushes_to_its_own_webhook_with_its_own_keys()
    {
        var pushes = new ConcurrentQueue<(Uri Url, string Body)>();
        await using var app = new PortalAppFactory().WithSecondAccount("Second shop");
        app.TestServices.Add(s => s.AddHttpClient(SandboxWebhookClient.ClientName).ConfigurePrimaryHttpMessageHandler(() => new RecordingServer(pushes)));
        using var http = app.CreateClient();

        var page = await http.GetStringAsync("/sandbox/phone");
        Assert.Contains($"value=\"{PortalAppFactory.SecondAppId}\"", page);
        Assert.Contains($"/wx/{PortalAppFactory.SecondAppId}", page);
        Assert.Contains("公众号", page);

        var openId = await FollowAsync(http, PortalAppFactory.SecondAppId, "Mei");
        var (url, body) = Assert.Single(pushes);
        Assert.Equal("/wx/" + PortalAppFactory.SecondAppId, url.AbsolutePath);
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(Signature.Compute(PortalAppFactory.SecondToken, query["timestamp"]!, query["nonce"]!), query["signature"].ToString());
        // Encrypted with the second account's key and AppId: Portal's own crypto reads what the sandbox's wrote.
        var push = XElement.Parse(new MessageCrypto(PortalAppFactory.SecondEncodingAesKey, PortalAppFactory.SecondAppId).Decrypt(XElement.Parse(body).Element("Encrypt")!.Value));
        Assert.Equal((openId, "subscribe"), (push.Element("FromUserName")!.Value, push.Element("Event")!.Value));

        pushes.Clear();
        await FollowAsync(http, null, "Lin");
        Assert.Equal("/wx", Assert.Single(pushes).Url.AbsolutePath);

        // Each account's phone lists its own followers only.
        var firstsFollowers = await http.GetFromJsonAsync<JsonElement>("/sandbox/phone/api/followers");
        Assert.DoesNotContain(openId, firstsFollowers.GetRawText());
    }

    [Fact]
    public async Task A_follower_of_the_second_account_is_answered_by_Portal_at_that_accounts_webhook()
    {
        await using var app = new PortalAppFactory().WithSecondAccount();
        using var http = app.CreateClient();

        var openId = await FollowAsync(http, PortalAppFactory.SecondAppId, "Mei");
        using var sent = await http.PostAsJsonAsync($"/sandbox/phone/api/followers/{openId}/messages?appid={PortalAppFactory.SecondAppId}", new { text = "hello" });
        sent.EnsureSuccessStatusCode();

        // Had Portal refused the push (another account's signature or key), the chat would show WeChat's failure notice.
        var chat = await http.GetFromJsonAsync<JsonElement>($"/sandbox/phone/api/followers/{openId}/chat?appid={PortalAppFactory.SecondAppId}");
        Assert.Contains(chat.GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString() == "hello");
        Assert.DoesNotContain(chat.GetProperty("lines").EnumerateArray(), l => l.GetProperty("side").GetString() == "platform");
    }

    private static async Task<string> FollowAsync(HttpClient http, string? appId, string nickname)
    {
        var query = appId is null ? "" : "?appid=" + appId;
        using var created = await http.PostAsJsonAsync("/sandbox/phone/api/followers" + query, new { nickname });
        created.EnsureSuccessStatusCode();
        var openId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("openId").GetString()!;
        using var follow = await http.PostAsJsonAsync($"/sandbox/phone/api/followers/{openId}/follow{query}", new { });
        follow.EnsureSuccessStatusCode();
        return openId;
    }

    private static async Task<string> TokenAsync(HttpClient http, string appId, string secret) =>
        (await PostAsync(http, "stable_token", new { grant_type = "client_credential", appid = appId, secret })).GetProperty("access_token").GetString()!;

    private static async Task<JsonElement> GetAsync(HttpClient http, string path) =>
        await http.GetFromJsonAsync<JsonElement>("/sandbox/cgi-bin/" + path);

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync("/sandbox/cgi-bin/" + path, body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int ErrorCode(JsonElement answer) => answer.TryGetProperty("errcode", out var code) ? code.GetInt32() : 0;

    private static string[] Ids(JsonElement list) =>
        list.TryGetProperty("data", out var data) ? [.. data.GetProperty("openid").EnumerateArray().Select(o => o.GetString()!)] : [];

    /// <summary>Stands in for the account's server: records each push and answers "success".</summary>
    private sealed class RecordingServer(ConcurrentQueue<(Uri Url, string Body)> pushes) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            pushes.Enqueue((request.RequestUri!, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("success") };
        }
    }
}
