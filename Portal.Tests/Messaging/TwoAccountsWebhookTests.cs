using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.AutoReplies;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
using Portal.Tests.WeChat;

namespace Portal.Tests.Messaging;

/// <summary>
/// Two accounts configured at once: each account's URL takes its own pushes in every mode and answers in kind,
/// and refuses the other account's credentials as it refuses any bad signature. The pushes are made in the test,
/// signed and encrypted from each account's own token and key as WeChat does.
/// </summary>
public abstract class TwoAccountsWebhookTests : IAsyncLifetime
{
    private const string First = PortalAppFactory.AppId;
    private const string Second = PortalAppFactory.SecondAppId;

    private readonly PortalAppFactory _app;
    private readonly HttpClient _http;

    protected TwoAccountsWebhookTests(PortalAppFactory app)
    {
        _app = app.WithSecondAccount();
        _http = _app.CreateClient();
    }

    // Rules are each account's: both accounts get the same one.
    public async Task InitializeAsync()
    {
        foreach (var accountId in new[] { TestAccounts.DefaultId, _app.Services.Account(PortalAppFactory.SecondAppId).Id })
        {
            await _app.Services.GetRequiredService<AutoReplyRuleStore>().AddAsync(accountId, new AutoReplyRule
            {
                Name = "hours", Trigger = RuleTrigger.Exact, Pattern = "hours", Reply = new TextReply("We open 9:00–18:00."),
            });
        }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private WeChatPush FirstAccount(string path) => new(_http, PortalAppFactory.Token, First, PortalAppFactory.EncodingAesKey, path);

    private WeChatPush SecondAccount(string path) => new(_http, PortalAppFactory.SecondToken, Second, PortalAppFactory.SecondEncodingAesKey, path);

    public static TheoryData<PushMode> Modes => [PushMode.Plaintext, PushMode.Compatible, PushMode.Safe];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Each_account_url_answers_its_own_pushes_in_kind(PushMode mode)
    {
        foreach (var push in new[] { FirstAccount("/wx"), FirstAccount("/wx/" + First), SecondAccount("/wx/" + Second), SecondAccount($"/wx/{Second}/") })
        {
            using var response = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "hours"), mode);

            // ReplyOfAsync checks the reply's signature with this account's token and decrypts it with its key.
            var reply = await push.ReplyOfAsync(response);
            Assert.Equal("We open 9:00–18:00.", reply!.Element("Content")!.Value);
            if (mode != PushMode.Plaintext)
                Assert.Contains("<Encrypt>", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Each_url_refuses_the_other_account_s_pushes(PushMode mode)
    {
        foreach (var push in new[] { SecondAccount("/wx"), SecondAccount("/wx/" + First), FirstAccount("/wx/" + Second) })
        {
            using var response = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "hours"), mode);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Each_url_verifies_with_its_own_token_only()
    {
        using var own = await SecondAccount("/wx/" + Second).VerifyAsync("echo-2");
        Assert.Equal("echo-2", await own.Content.ReadAsStringAsync());
        using var ownFirst = await FirstAccount("/wx/" + First).VerifyAsync("echo-1");
        Assert.Equal("echo-1", await ownFirst.Content.ReadAsStringAsync());

        using var crossed = await SecondAccount("/wx").VerifyAsync("echo");
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        using var crossedBack = await FirstAccount("/wx/" + Second).VerifyAsync("echo");
        Assert.Equal(HttpStatusCode.Forbidden, crossedBack.StatusCode);
    }

    [Fact]
    public async Task An_app_id_that_is_no_account_of_this_portal_is_not_found()
    {
        using var response = await FirstAccount("/wx/wx0000000000000000").PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "hours"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var deeper = await FirstAccount($"/wx/{First}/more").PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "hours"));
        Assert.Equal(HttpStatusCode.NotFound, deeper.StatusCode);
    }

    [Fact]
    public async Task The_same_msg_id_on_two_accounts_is_two_messages_each_handled_once()
    {
        var openId = InboundXml.NewOpenId();
        var msgId = InboundXml.NextMsgId();
        var xml = InboundXml.Text(openId, "hours", msgId);

        foreach (var push in new[] { FirstAccount("/wx"), SecondAccount("/wx/" + Second), FirstAccount("/wx/" + First), SecondAccount("/wx/" + Second) })
        {
            using var response = await push.PostAsync(xml, PushMode.Safe);
            Assert.Equal("We open 9:00–18:00.", (await push.ReplyOfAsync(response))!.Element("Content")!.Value);
        }

        // Each account logged the message once (the retries were replays), under its own account id.
        var logged = await LoggedAsync(msgId);
        Assert.Equal([(1, $"{First}:{openId}:{msgId}"), (2, $"{Second}:{openId}:{msgId}")], logged);
    }

    private async Task<List<(int AccountId, string DedupKey)>> LoggedAsync(long msgId)
    {
        await using var connection = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var rows = await connection.QueryAsync<(long, string)>(
            "SELECT account_id, dedup_key FROM message_log WHERE msg_id = @MsgId AND direction = 'in' ORDER BY account_id",
            new { MsgId = msgId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return rows.Select(r => ((int)r.Item1, r.Item2)).ToList();
    }
}

public sealed class SqliteTwoAccountsWebhookTests() : TwoAccountsWebhookTests(new PortalAppFactory());

public sealed class PostgresTwoAccountsWebhookTests(PostgresTestDatabase database)
    : TwoAccountsWebhookTests(OnPostgres(database)), IClassFixture<PostgresTestDatabase>
{
    private static PortalAppFactory OnPostgres(PostgresTestDatabase database)
    {
        var app = new PortalAppFactory();
        app.Settings["Database:Provider"] = "PostgreSql";
        app.Settings["ConnectionStrings:Portal"] = database.ConnectionString;
        return app;
    }
}

/// <summary>
/// The AppId sealed inside an AES push is checked against the URL's account: two accounts that share a token and
/// a key (one company's accounts often do) still cannot take each other's messages. And a push recorded from
/// the real platform for one account is accepted at its own URL beside another account and refused at the other's.
/// </summary>
public sealed class AccountSealTests
{
    [Fact]
    public async Task A_push_sealed_for_another_app_id_is_refused_even_with_the_same_token_and_key()
    {
        const string third = "wx00000000000000c3";
        await using var app = new PortalAppFactory();
        app.Settings["WeChat:Accounts:0:AppId"] = third;
        app.Settings["WeChat:Accounts:0:Token"] = PortalAppFactory.Token;
        app.Settings["WeChat:Accounts:0:EncodingAESKey"] = PortalAppFactory.EncodingAesKey;
        var http = app.CreateClient();

        var sealedForFirst = new WeChatPush(http, PortalAppFactory.Token, PortalAppFactory.AppId, PortalAppFactory.EncodingAesKey, "/wx/" + third);
        using var refused = await sealedForFirst.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "hi"), PushMode.Safe);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var sealedForThird = new WeChatPush(http, PortalAppFactory.Token, third, PortalAppFactory.EncodingAesKey, "/wx/" + third);
        using var accepted = await sealedForThird.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "hi"), PushMode.Safe);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_recorded_push_is_taken_at_its_account_s_url_and_refused_at_the_other()
    {
        var vector = Vectors.DecryptById("SENPARC_SAFE_MODE_MIDDLEWARE_REAL");
        await using var app = new PortalAppFactory();
        app.Settings["WeChat:Accounts:0:AppId"] = vector.AppId;
        app.Settings["WeChat:Accounts:0:Token"] = vector.Token;
        app.Settings["WeChat:Accounts:0:EncodingAESKey"] = vector.EncodingAesKey;
        app.WithClock(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(vector.Timestamp, System.Globalization.CultureInfo.InvariantCulture) + 2)));
        var http = app.CreateClient();
        var query = $"?signature={vector.Signature}&timestamp={vector.Timestamp}&nonce={vector.Nonce}&encrypt_type=aes&msg_signature={vector.MsgSignature}";
        var body = $"<xml><ToUserName><![CDATA[gh_a96a4a619366]]></ToUserName><Encrypt><![CDATA[{vector.Encrypt}]]></Encrypt></xml>";

        using var atDefault = await http.PostAsync("/wx" + query, new StringContent(body));
        Assert.Equal(HttpStatusCode.Forbidden, atDefault.StatusCode);
        using var atOwn = await http.PostAsync($"/wx/{vector.AppId}" + query, new StringContent(body));
        Assert.Equal(HttpStatusCode.OK, atOwn.StatusCode);
        Assert.Equal("success", await atOwn.Content.ReadAsStringAsync());

        await using var connection = await app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var keys = (await connection.QueryAsync<(long, string)>("SELECT account_id, dedup_key FROM message_log WHERE direction = 'in'")).ToList();
        var (accountId, key) = Assert.Single(keys);
        Assert.Equal(2, accountId);
        Assert.StartsWith(vector.AppId + ":", key);
    }
}
