using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Accounts;

namespace Portal.Sandbox.Messaging;

/// <summary>
/// The platform's side of the webhook: posts a push to the account's server URL signed with its Token,
/// encrypted in compatible and safe mode, waits five seconds for the answer and sends the same message
/// again when none comes, up to three times; then reads the reply as the platform does, checking an
/// encrypted reply's own signature.
/// </summary>
public sealed partial class SandboxWebhookClient(
    IHttpClientFactory http,
    IOptions<SandboxOptions> sandbox,
    TimeProvider time,
    ILogger<SandboxWebhookClient> logger)
{
    public const string ClientName = "sandbox-webhook";

    /// <summary>What the follower's WeChat shows when the account's server never answered in time.</summary>
    public const string ServiceFailure = "该公众号提供的服务出现故障，请稍后再试";

    public SandboxPushMode ModeFor(SandboxAccount account) => sandbox.Value.WebhookMode switch
    {
        SandboxPushMode.Auto => account.EncodingAESKey.Length > 0 ? SandboxPushMode.Safe : SandboxPushMode.Plaintext,
        var chosen => chosen,
    };

    /// <summary>The server URL: Sandbox:WebhookUrl, else this app's own webhook at Sandbox:SelfUrl.</summary>
    public Uri WebhookUrl => sandbox.Value.WebhookUrl ?? new Uri(sandbox.Value.SelfUrl, sandbox.Value.WebhookPath.TrimStart('/'));

    /// <summary>
    /// Where an account's pushes go: the first account's to the server URL itself, as before there were
    /// several; every other account's to the server URL plus <c>/{AppId}</c>, its own webhook on Portal.
    /// </summary>
    public Uri WebhookUrlFor(SandboxAccount account, SandboxAccounts accounts) =>
        account.AppId == accounts.First.AppId ? WebhookUrl : new Uri(WebhookUrl.ToString().TrimEnd('/') + "/" + Uri.EscapeDataString(account.AppId));

    public async Task<SandboxPushResult> PushAsync(SandboxAccount account, Uri url, XElement push, CancellationToken ct = default)
    {
        var options = sandbox.Value;
        var openId = push.Element("FromUserName")?.Value ?? "";
        var problems = new List<string>();
        for (var attempt = 1; attempt <= options.WebhookAttempts; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                // The platform stops waiting at the timeout whatever the transport does with the cancellation
                // (an in-memory test server, say, only notices it when the app answers).
                var (status, body) = await SendAsync(account, url, push, openId, timeout.Token).WaitAsync(options.WebhookTimeout, time, ct).ConfigureAwait(false);
                if (status is < 200 or > 299)
                {
                    problems.Add($"attempt {attempt}: HTTP {status}");
                    LogAttemptFailed(logger, problems[^1]);
                    continue;
                }
                return ReadReply(account, body, attempt);
            }
            catch (TimeoutException)
            {
                await timeout.CancelAsync().ConfigureAwait(false);
                problems.Add($"attempt {attempt}: no answer within {options.WebhookTimeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException e)
            {
                problems.Add($"attempt {attempt}: {e.Message}");
            }
            LogAttemptFailed(logger, problems[^1]);
        }
        return new SandboxPushResult(options.WebhookAttempts, null, string.Join("; ", problems));
    }

    private async Task<(int Status, string Body)> SendAsync(SandboxAccount account, Uri url, XElement push, string openId, CancellationToken ct)
    {
        using var request = Request(account, url, push, openId);
        using var response = await http.CreateClient(ClientName).SendAsync(request, ct).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
    }

    private HttpRequestMessage Request(SandboxAccount o, Uri webhook, XElement push, string openId)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = new List<(string, string)>
        {
            ("signature", SandboxCrypto.Sign(o.Token, timestamp, nonce)),
            ("timestamp", timestamp),
            ("nonce", nonce),
            ("openid", openId),
        };
        var body = push.ToString(SaveOptions.DisableFormatting);
        var mode = ModeFor(o);
        if (mode != SandboxPushMode.Plaintext)
        {
            var encrypt = SandboxCrypto.Encrypt(body, o.EncodingAESKey, o.AppId);
            query.Add(("encrypt_type", "aes"));
            query.Add(("msg_signature", SandboxCrypto.Sign(o.Token, timestamp, nonce, encrypt)));
            // Compatible mode sends the plaintext fields and the ciphertext side by side.
            var envelope = mode == SandboxPushMode.Safe
                ? new XElement("xml", new XElement("ToUserName", push.Element("ToUserName")?.Value), new XElement("Encrypt", encrypt))
                : new XElement(push.Name, push.Elements(), new XElement("Encrypt", encrypt));
            body = envelope.ToString(SaveOptions.DisableFormatting);
        }
        var url = new Uri(webhook + "?" + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private static SandboxPushResult ReadReply(SandboxAccount o, string body, int attempt)
    {
        // An empty answer or "success" means: nothing to show now.
        if (body.Length == 0 || body == "success")
            return new SandboxPushResult(attempt, null, null);
        try
        {
            var xml = Parse(body);
            if (xml.Element("Encrypt")?.Value is { } encrypt)
            {
                var expected = SandboxCrypto.Sign(o.Token, xml.Element("TimeStamp")?.Value ?? "", xml.Element("Nonce")?.Value ?? "", encrypt);
                if (!SandboxCrypto.SignatureMatches(xml.Element("MsgSignature")?.Value, expected))
                    return new SandboxPushResult(attempt, null, "the encrypted reply's MsgSignature does not verify");
                xml = Parse(SandboxCrypto.Decrypt(encrypt, o.EncodingAESKey, o.AppId));
            }
            return new SandboxPushResult(attempt, xml, null);
        }
        catch (Exception e) when (e is XmlException or CryptographicException)
        {
            return new SandboxPushResult(attempt, null, "the reply is not a reply the platform can read: " + e.Message);
        }
    }

    /// <summary>Replies come from the server under test: read them with DTDs refused, as any XML from outside.</summary>
    private static XElement Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XElement.Load(reader);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox push to the webhook failed, {Problem}")]
    private static partial void LogAttemptFailed(ILogger logger, string problem);
}

/// <summary>
/// How a push went: the reply (decrypted) when the account answered with one, or why the follower saw the
/// platform's failure notice.
/// </summary>
public sealed record SandboxPushResult(int Attempts, XElement? Reply, string? Failure);
