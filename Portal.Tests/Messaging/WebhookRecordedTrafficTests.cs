using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;
using Portal.Tests.WeChat;

namespace Portal.Tests.Messaging;

/// <summary>Real pushes recorded from WeChat (the shared vectors), replayed byte for byte through the whole app.</summary>
public sealed class WebhookRecordedTrafficTests
{
    private static PortalAppFactory AppFor(DecryptVector vector)
    {
        var app = new PortalAppFactory();
        app.Settings["WeChat:Token"] = vector.Token;
        app.Settings["WeChat:AppId"] = vector.AppId;
        app.Settings["WeChat:EncodingAESKey"] = vector.EncodingAesKey;
        // The recording is years old: run the app at the moment it was made, so the replay window accepts it.
        app.WithClock(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(vector.Timestamp, System.Globalization.CultureInfo.InvariantCulture) + 2)));
        return app;
    }

    private static string Query(DecryptVector v) =>
        $"/wx?signature={v.Signature}&timestamp={v.Timestamp}&nonce={v.Nonce}&encrypt_type=aes&msg_signature={v.MsgSignature}";

    [Fact]
    public async Task A_recorded_safe_mode_push_is_decrypted_handled_and_logged()
    {
        var vector = Vectors.DecryptById("SENPARC_SAFE_MODE_MIDDLEWARE_REAL");
        await using var app = AppFor(vector);
        var body = $"<xml><ToUserName><![CDATA[gh_a96a4a619366]]></ToUserName><Encrypt><![CDATA[{vector.Encrypt}]]></Encrypt></xml>";

        using var response = await app.CreateClient().PostAsync(Query(vector), new StringContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync()); // no rules configured: nothing to say
        var sender = XElement.Parse(vector.DecryptedXml).Element("FromUserName")!.Value;
        var entry = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(sender));
        Assert.Equal(("text", "11", "22478079132150902"), (entry.MsgType, entry.Content, entry.MsgId));
    }

    public static TheoryData<string> GenuineVectors() => new(Vectors.Decrypt.Where(v => v.MsgSignature is not null).Select(v => v.Id));

    /// <summary>
    /// Every published push whose msg_signature is genuine, in safe mode through the whole app: signature checks,
    /// decryption and parsing, down to the message log. Three were published without the URL's signature; it is
    /// computed here with the framework's SHA-1 (the published URL signatures are checked in SignatureTests).
    /// </summary>
    [Theory]
    [MemberData(nameof(GenuineVectors))]
    public async Task Every_published_push_passes_through_the_webhook(string id)
    {
        var vector = Vectors.DecryptById(id);
        await using var app = AppFor(vector);
        var published = XElement.Parse(vector.DecryptedXml);
        var body = $"<xml><ToUserName><![CDATA[{published.Element("ToUserName")!.Value}]]></ToUserName><Encrypt><![CDATA[{vector.Encrypt}]]></Encrypt></xml>";
        var url = $"/wx?signature={vector.Signature ?? UrlSignature(vector)}&timestamp={vector.Timestamp}&nonce={vector.Nonce}&encrypt_type=aes&msg_signature={vector.MsgSignature}";

        using var response = await app.CreateClient().PostAsync(url, new StringContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(published.Element("FromUserName")!.Value));
        Assert.Equal((published.Element("MsgType")!.Value, published.Element("MsgId")!.Value), (entry.MsgType, entry.MsgId));
    }

    private static string UrlSignature(DecryptVector v)
    {
        string[] parts = [v.Token, v.Timestamp, v.Nonce];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    [Fact]
    public async Task A_recorded_compatible_mode_push_is_decrypted_handled_and_logged()
    {
        var vector = Vectors.DecryptById("SENPARC_COMPAT_MODE_REAL");
        await using var app = AppFor(vector);
        var compat = XElement.Parse(vector.DecryptedXml);
        compat.Add(new XElement("Encrypt", new XCData(vector.Encrypt)));

        using var response = await app.CreateClient().PostAsync(Query(vector), new StringContent(compat.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync("olPjZjsXuQPJoV0HlruZkNzKc91E"));
        Assert.Equal(("text", "你好", "6074746557628292943"), (entry.MsgType, entry.Content, entry.MsgId));
    }

    [Fact]
    public async Task The_inconsistent_recording_is_refused_because_its_msg_signature_does_not_cover_the_ciphertext()
    {
        var vector = Vectors.DecryptById("SENPARC_SAFE_MODE_2_PARTIAL");
        await using var app = AppFor(vector);
        var body = $"<xml><ToUserName><![CDATA[gh_a96a4a619366]]></ToUserName><Encrypt><![CDATA[{vector.Encrypt}]]></Encrypt></xml>";
        // As recorded, the URL signature was passed off as the msg_signature.
        var url = $"/wx?signature={vector.Signature}&timestamp={vector.Timestamp}&nonce={vector.Nonce}&encrypt_type=aes&msg_signature={vector.Signature}";

        using var response = await app.CreateClient().PostAsync(url, new StringContent(body));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
