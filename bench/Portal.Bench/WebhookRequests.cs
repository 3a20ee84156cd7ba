using System.Globalization;
using System.Security.Cryptography;
using Portal.Core.WeChat;

namespace Portal.Bench;

/// <summary>
/// Writes requests for the load benchmark, one per line as <c>path-and-query TAB body</c>: every one a
/// new message (fresh MsgId) from one of a thousand followers, validly signed for the current time, and
/// in AES mode encrypted as WeChat would. Signing in advance keeps SHA-1 and AES out of the load
/// generator, which shares the machine's two cores with the server.
/// </summary>
internal static class WebhookRequests
{
    public static int Write(string[] args)
    {
        if (args.Length != 3 || args[0] is not ("plaintext" or "aes") || !int.TryParse(args[1], out var count))
            return 2;
        var aes = args[0] == "aes";
        var token = Environment.GetEnvironmentVariable("WeChat__Token")!;
        var appId = Environment.GetEnvironmentVariable("WeChat__AppId")!;
        var crypto = new MessageCrypto(Environment.GetEnvironmentVariable("WeChat__EncodingAESKey")!, appId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var firstMsgId = 7_000_000_000_000_000_000L + RandomNumberGenerator.GetInt32(int.MaxValue) * 1_000_000L;
        var inv = CultureInfo.InvariantCulture;

        using var output = new StreamWriter(args[2]);
        for (var i = 0; i < count; i++)
        {
            var timestamp = now.ToString(inv);
            var nonce = (100_000_000 + i).ToString(inv);
            var xml = $"<xml><ToUserName><![CDATA[gh_bench00000001]]></ToUserName><FromUserName><![CDATA[oBench{i % 1000:D22}]]></FromUserName>" +
                $"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello number {i}]]></Content>" +
                $"<MsgId>{(firstMsgId + i).ToString(inv)}</MsgId></xml>";
            var query = $"/wx?signature={Signature.Compute(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&openid=oBench{i % 1000:D22}";
            if (aes)
            {
                var encrypt = crypto.Encrypt(xml);
                query += $"&encrypt_type=aes&msg_signature={Signature.Compute(token, timestamp, nonce, encrypt)}";
                xml = $"<xml><ToUserName><![CDATA[gh_bench00000001]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
            }
            output.Write(query);
            output.Write('\t');
            output.Write(xml);
            output.Write('\n');
        }
        return 0;
    }
}
