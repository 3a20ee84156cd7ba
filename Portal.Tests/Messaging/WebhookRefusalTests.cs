using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Messaging;
using Portal.Core.WeChat;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>Bad input gets a clear status, an empty body (never error text for WeChat to show) and leaves no trace.</summary>
public sealed class WebhookRefusalTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string openId)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var logged = await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId);
        Assert.Empty(logged);
    }

    [Fact]
    public async Task A_push_without_a_signature_is_unauthorized()
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, "hours"), tamper: q => q.Remove("signature"));
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, openId);
    }

    [Fact]
    public async Task A_push_signed_with_another_token_is_forbidden()
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, "hours"),
            tamper: q => q["signature"] = Signature.Compute("someoneelse", q["timestamp"], q["nonce"]));
        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, openId);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(+600)]
    public async Task A_correctly_signed_push_with_a_stale_or_future_timestamp_is_refused_as_a_replay(int offsetSeconds)
    {
        var openId = InboundXml.NewOpenId();
        var push = WeChatPush.For(app);
        push.Now = InboundXml.Now + offsetSeconds;
        using var response = await push.PostAsync(InboundXml.Text(openId, "hours"));
        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, openId);
    }

    [Fact]
    public async Task An_encrypted_push_without_msg_signature_is_unauthorized()
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, "hours"), PushMode.Safe, q => q.Remove("msg_signature"));
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, openId);
    }

    [Fact]
    public async Task An_encrypted_push_whose_ciphertext_was_swapped_is_forbidden()
    {
        // The URL signature is fine (it does not cover the body); only msg_signature catches this.
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, "hours"), PushMode.Safe,
            q => q["msg_signature"] = Signature.Compute(PortalAppFactory.Token, q["timestamp"], q["nonce"], "another-ciphertext"));
        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, openId);
    }

    [Fact]
    public async Task A_push_encrypted_for_another_account_is_refused()
    {
        var openId = InboundXml.NewOpenId();
        var otherAccount = new MessageCrypto(PortalAppFactory.EncodingAesKey, "wx0000000000000000").Encrypt(InboundXml.Text(openId, "hours"));
        var (timestamp, nonce) = (InboundXml.Now.ToString(System.Globalization.CultureInfo.InvariantCulture), "4242");
        var query = new Dictionary<string, string>
        {
            ["signature"] = Signature.Compute(PortalAppFactory.Token, timestamp, nonce),
            ["timestamp"] = timestamp,
            ["nonce"] = nonce,
            ["encrypt_type"] = "aes",
            ["msg_signature"] = Signature.Compute(PortalAppFactory.Token, timestamp, nonce, otherAccount),
        };
        using var response = await WeChatPush.For(app).PostRawAsync($"<xml><ToUserName>gh_x</ToUserName><Encrypt>{otherAccount}</Encrypt></xml>", query);
        // Sealed for another account: refused as a bad signature is, whichever account's URL it reached.
        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, openId);
    }

    [Theory]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>x</FromUserName>")]          // cut short
    [InlineData("this is not xml")]
    [InlineData("<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime></xml>")]      // required fields missing
    [InlineData("{\"MsgType\":\"text\"}")]
    public async Task Malformed_xml_is_a_bad_request(string body)
    {
        using var response = await WeChatPush.For(app).PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_external_entity_attack_is_refused_without_reading_the_file()
    {
        var secret = Path.Combine(app.DataFolder, "secret.txt");
        Directory.CreateDirectory(app.DataFolder);
        await File.WriteAllTextAsync(secret, "TOP-SECRET-CONTENT");
        var openId = InboundXml.NewOpenId();
        var attack = $"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file://{secret}\">]>" +
            InboundXml.Text(openId, "&xxe;").Replace("<![CDATA[&xxe;]]>", "&xxe;", StringComparison.Ordinal);

        using var response = await WeChatPush.For(app).PostAsync(attack);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, openId);
    }

    [Fact]
    public async Task A_billion_laughs_payload_is_refused()
    {
        var lol = "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">" + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">")) + "]>";
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(lol + InboundXml.Text(openId, "x").Replace("<![CDATA[x]]>", "&j;", StringComparison.Ordinal));
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, openId);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_unread()
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Text(openId, new string('x', 100 * 1024)));
        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, openId);
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_header_is_refused_too()
    {
        var openId = InboundXml.NewOpenId();
        var push = WeChatPush.For(app);
        var signed = new Dictionary<string, string>();
        // Sign a real push, then resend its query with a streamed (chunked) oversized body.
        using (await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "x"), tamper: q => { foreach (var p in q) signed[p.Key] = p.Value; })) { }
        var url = "/wx?" + string.Join('&', signed.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(InboundXml.Text(openId, new string('y', 200 * 1024)))));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await app.CreateClient().SendAsync(request);

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, openId);
    }
}
