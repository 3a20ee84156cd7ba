using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Portal.Core.WeChat;

namespace Portal.Tests.Infrastructure;

/// <summary>How WeChat delivers to the webhook: the three modes of the console's server configuration.</summary>
public enum PushMode
{
    Plaintext,
    Compatible,
    Safe,
}

/// <summary>
/// Sends to the webhook exactly what WeChat sends: signed query, XML body, encrypted in compatible and
/// safe mode; and reads replies the way WeChat does (checking the reply's own signature).
/// </summary>
public sealed class WeChatPush(HttpClient http, string token, string appId, string encodingAesKey, string path = "/wx")
{
    private readonly MessageCrypto _crypto = new(encodingAesKey, appId);

    public static WeChatPush For(PortalAppFactory app, HttpClient? client = null) =>
        new(client ?? app.CreateClient(), PortalAppFactory.Token, PortalAppFactory.AppId, PortalAppFactory.EncodingAesKey);

    public long Now { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public Task<HttpResponseMessage> VerifyAsync(string echostr)
    {
        var (timestamp, nonce) = (Now.ToString(CultureInfo.InvariantCulture), NewNonce());
        var signature = Signature.Compute(token, timestamp, nonce);
        return http.GetAsync($"{path}?signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echostr)}");
    }

    /// <summary>Posts <paramref name="xml"/>; <paramref name="tamper"/> may change the query before it is sent.</summary>
    public Task<HttpResponseMessage> PostAsync(string xml, PushMode mode = PushMode.Plaintext, Action<Dictionary<string, string>>? tamper = null, string? nonce = null)
    {
        var timestamp = Now.ToString(CultureInfo.InvariantCulture);
        nonce ??= NewNonce();
        var query = new Dictionary<string, string>
        {
            ["signature"] = Signature.Compute(token, timestamp, nonce),
            ["timestamp"] = timestamp,
            ["nonce"] = nonce,
            ["openid"] = OpenIdOf(xml),
        };
        var body = xml;
        if (mode != PushMode.Plaintext)
        {
            var encrypt = _crypto.Encrypt(xml);
            query["encrypt_type"] = "aes";
            query["msg_signature"] = Signature.Compute(token, timestamp, nonce, encrypt);
            var envelope = mode == PushMode.Safe
                ? new XElement("xml", new XElement("ToUserName", ToUserOf(xml)), new XElement("Encrypt", encrypt))
                : AddEncrypt(XElement.Parse(xml), encrypt);
            body = envelope.ToString(SaveOptions.DisableFormatting);
        }
        tamper?.Invoke(query);
        return PostRawAsync(body, query);
    }

    public Task<HttpResponseMessage> PostRawAsync(string body, IReadOnlyDictionary<string, string> query)
    {
        var url = path + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        return http.PostAsync(url, content);
    }

    /// <summary>The reply as WeChat reads it: decrypted (after checking its signature) when it is encrypted.</summary>
    public string ReadReply(string body)
    {
        if (body == "success" || body.Length == 0)
            return body;
        var xml = XElement.Parse(body);
        var encrypt = xml.Element("Encrypt")?.Value;
        if (encrypt is null)
            return body;
        var signature = Signature.Compute(token, xml.Element("TimeStamp")!.Value, xml.Element("Nonce")!.Value, encrypt);
        if (signature != xml.Element("MsgSignature")!.Value)
            throw new InvalidOperationException("The encrypted reply's MsgSignature does not verify.");
        return _crypto.Decrypt(encrypt);
    }

    public async Task<XElement?> ReplyOfAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var text = ReadReply(await response.Content.ReadAsStringAsync());
        return text == "success" ? null : XElement.Parse(text);
    }

    private static XElement AddEncrypt(XElement xml, string encrypt)
    {
        xml.Add(new XElement("Encrypt", encrypt));
        return xml;
    }

    // Read without an XML parser: tests also push bodies that are not well-formed.
    private static string OpenIdOf(string xml) => Field(xml, "FromUserName");

    private static string ToUserOf(string xml) => Field(xml, "ToUserName");

    private static string Field(string xml, string name) =>
        System.Text.RegularExpressions.Regex.Match(xml, $"<{name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</{name}>") is { Success: true } m ? m.Groups[1].Value : "";

    private static string NewNonce() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
}
