using System.Globalization;
using System.Security.Cryptography;
using Portal.Core.WeChat;

namespace Portal.Bench;

/// <summary>
/// Writes requests for the load benchmark: every one a new message (fresh MsgId) from one of a thousand followers,
/// validly signed for the current time, and in AES mode encrypted as WeChat would. Signing in advance keeps SHA-1
/// and AES out of the load generator, which shares the machine's two cores with the server.
/// </summary>
/// <remarks>
/// Each request is written whole, as the bytes wrk sends, and ended by a NUL; request i goes to file
/// <c>out.(i mod threads)</c>, one per wrk thread. wrk runs each thread's script <c>init</c> on its main thread
/// while the threads started before are already sending, so the files are laid out for loading in one read: building
/// the requests there from "path TAB body" lines took about 2 s a thread, a core taken from the server during the
/// first seconds of every measured run.
/// </remarks>
internal static class WebhookRequests
{
    public static int Write(string[] args)
    {
        if (args.Length != 5 || args[0] is not ("plaintext" or "aes") || !int.TryParse(args[1], out var count) || !int.TryParse(args[3], out var threads) || threads < 1)
            return 2;
        var aes = args[0] == "aes";
        var host = args[4];
        var token = Environment.GetEnvironmentVariable("WeChat__Token")!;
        var appId = Environment.GetEnvironmentVariable("WeChat__AppId")!;
        var crypto = new MessageCrypto(Environment.GetEnvironmentVariable("WeChat__EncodingAESKey")!, appId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var firstMsgId = 7_000_000_000_000_000_000L + RandomNumberGenerator.GetInt32(int.MaxValue) * 1_000_000L;
        var inv = CultureInfo.InvariantCulture;

        var outputs = Enumerable.Range(0, threads).Select(t => new StreamWriter($"{args[2]}.{t}")).ToArray();
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
            var output = outputs[i % threads];
            // The bodies are ASCII, so their length in characters is their Content-Length.
            output.Write($"POST {query} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml\r\nContent-Length: {xml.Length}\r\n\r\n");
            output.Write(xml);
            output.Write('\0');
        }
        foreach (var output in outputs)
            output.Dispose();
        return 0;
    }
}
