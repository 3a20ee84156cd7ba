using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Logging;
using Portal.Core.Messaging;
using Portal.Core.WeChat;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;

namespace Portal.Web.Messaging;

/// <summary>
/// The URLs WeChat calls, one per account (<see cref="MessagingModule.MapMessaging"/> finds the account from the path).
/// GET proves we hold the account's Token; POST delivers a message or event: size limit, signature, timestamp
/// window, AES (msg_signature, decrypt, AppId), parse, then the <see cref="MessageProcessor"/>, then the
/// reply, encrypted when the request was. Every check uses the URL's account only, so a push signed with one
/// account's token, or encrypted for its AppId, is refused at another's URL like any bad signature. A refused
/// request gets a status code and an empty body: WeChat shows a follower "this account cannot serve you" for
/// any text it does not understand.
/// </summary>
internal sealed partial class WeChatWebhook
{
    private static readonly byte[] Success = "success"u8.ToArray();

    private readonly MessageProcessor _processor;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WeChatWebhook> _logger;
    private readonly DependencyOutage _outage;
    private readonly FrozenDictionary<string, WebhookAccount>.AlternateLookup<ReadOnlySpan<char>> _byAppId;

    public WeChatWebhook(
        MessageProcessor processor, AccountDirectory accounts, IOptions<MessagingOptions> options, TimeProvider time, DependencyOutages outages, ILogger<WeChatWebhook> logger)
    {
        _outage = outages.For(DependencyOutages.Webhook);
        _processor = processor;
        _options = options.Value;
        _time = time;
        _logger = logger;
        // Each account's cipher is made once: it holds the key schedule and the AppId every decrypted message must end with.
        var all = accounts.All.Select(a => new WebhookAccount(a, a.EncodingAESKey.Length > 0 ? new MessageCrypto(a.EncodingAESKey, a.AppId) : null)).ToList();
        Default = all[0];
        _byAppId = all.ToFrozenDictionary(a => a.Account.AppId, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The default account, which also answers the webhook's bare path.</summary>
    public WebhookAccount Default { get; }

    /// <summary>The account whose URL ends in <paramref name="appId"/>, or null.</summary>
    public WebhookAccount? Find(ReadOnlySpan<char> appId) => _byAppId.TryGetValue(appId, out var account) ? account : null;

    /// <summary>GET: the console's "verify server URL". Echoes <c>echostr</c> (plaintext in every mode on an Official Account).</summary>
    public Task VerifyAsync(HttpContext http, WebhookAccount account)
    {
        var query = WebhookQuery.Parse(http.Request.QueryString.Value);
        var refusal = CheckSignature(account, query, checkFreshness: false);
        if (refusal is null && query.EchoStr.IsEmpty)
            refusal = WebhookRefusal.Malformed;
        if (refusal is { } r)
            return RefuseAsync(http, r);
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(query.EchoStr.ToString(), http.RequestAborted);
    }

    /// <summary>POST: one message or event.</summary>
    public async Task ReceiveAsync(HttpContext http, WebhookAccount account)
    {
        var query = WebhookQuery.Parse(http.Request.QueryString.Value);
        if (CheckSignature(account, query, checkFreshness: true) is { } refusal)
        {
            await RefuseAsync(http, refusal);
            return;
        }

        using var body = await WebhookBody.ReadAsync(http.Request, _options.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(http, WebhookRefusal.TooLarge);
            return;
        }

        var encrypted = query.IsEncrypted;
        InboundMessage message;
        ReadOnlyMemory<byte> encrypt = default;
        try
        {
            if (encrypted)
            {
                var (parsed, ciphertext, aesRefusal) = Decrypt(account, query, body);
                if (aesRefusal is { } r)
                {
                    await RefuseAsync(http, r);
                    return;
                }
                (message, encrypt) = (parsed!, ciphertext);
            }
            else
            {
                message = InboundParser.Parse(body.Span);
            }
        }
        catch (InboundMessageFormatException)
        {
            await RefuseAsync(http, WebhookRefusal.Malformed);
            return;
        }

        // Only a deferred reply needs the XML as text (decrypted again then); the body buffer lives until this method returns.
        MessageResult result;
        try
        {
            result = await _processor.ProcessAsync(
                account.Account,
                message,
                () => encrypted ? account.Crypto!.Decrypt(encrypt.Span, static xml => Encoding.UTF8.GetString(xml)) : Encoding.UTF8.GetString(body.Span),
                http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // The message was given back (its claim released): a 500 with no body makes WeChat retry it,
            // and no error page ever reaches WeChat, even in Development. A database or Redis outage fails every
            // push alike: it is counted and logged once when it starts and once when it ends; anything else is
            // a fault of its own and logged in full.
            if (DependencyFailure.IsUnavailable(e))
                _outage.Failed(e);
            else
                LogFailed(_logger, message.DeduplicationKey, e);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        _outage.Succeeded();
        if (result.Outcome == MessageOutcome.StillRunning)
        {
            // Another instance is still on it and has recorded nothing yet: "success" now could promise a reply that
            // never comes if it then fails. An empty 500 makes WeChat ask again, by when the holder has answered.
            LogStillRunning(_logger, message.DeduplicationKey);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        await WriteReplyAsync(http, account, result, encrypted);
    }

    private WebhookRefusal? CheckSignature(WebhookAccount account, in WebhookQuery query, bool checkFreshness)
    {
        if (query.Signature.IsEmpty || query.Timestamp.IsEmpty || query.Nonce.IsEmpty)
            return WebhookRefusal.MissingSignature;
        Span<byte> expected = stackalloc byte[Signature.HexLength];
        Signature.ComputeUtf8(account.Account.Token, query.Timestamp.Span, query.Nonce.Span, [], expected);
        if (!Signature.Matches(query.Signature.Span, expected))
            return WebhookRefusal.BadSignature;
        if (checkFreshness)
        {
            if (!long.TryParse(query.Timestamp.Span, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                return WebhookRefusal.StaleTimestamp;
            var skew = (_time.GetUtcNow().ToUnixTimeSeconds() - seconds) * TimeSpan.TicksPerSecond;
            if (Math.Abs(skew) > _options.TimestampTolerance.Ticks)
                return WebhookRefusal.StaleTimestamp;
        }
        return null;
    }

    /// <summary>
    /// Checks msg_signature, decrypts and parses: the Encrypt value is signed and decrypted where it lies in the body,
    /// and the message parsed straight from the decrypted bytes.
    /// </summary>
    private static (InboundMessage? Message, ReadOnlyMemory<byte> Encrypt, WebhookRefusal? Refusal) Decrypt(WebhookAccount account, in WebhookQuery query, WebhookBody body)
    {
        if (query.MsgSignature.IsEmpty)
            return (null, default, WebhookRefusal.MissingMessageSignature);
        if (account.Crypto is not { } crypto)
            return (null, default, WebhookRefusal.EncryptionNotConfigured);
        var (range, unescaped) = EncryptedEnvelope.LocateEncrypt(body.Span);
        var encrypt = range is { } r ? body.Memory[r] : Encoding.UTF8.GetBytes(unescaped!);
        Span<byte> expected = stackalloc byte[Signature.HexLength];
        Signature.ComputeUtf8(account.Account.Token, query.Timestamp.Span, query.Nonce.Span, encrypt.Span, expected);
        if (!Signature.Matches(query.MsgSignature.Span, expected))
            return (null, default, WebhookRefusal.BadMessageSignature);
        try
        {
            return (crypto.Decrypt(encrypt.Span, static xml => InboundParser.Parse(xml)), encrypt, null);
        }
        catch (MessageCryptoException e) when (e.Error == MessageCryptoError.AppIdMismatch)
        {
            // Sealed for another AppId (two accounts may share a key and token): refused like a bad signature.
            return (null, default, WebhookRefusal.OtherAccount);
        }
        catch (MessageCryptoException)
        {
            return (null, default, WebhookRefusal.NotDecryptable);
        }
    }

    private async Task WriteReplyAsync(HttpContext http, WebhookAccount account, MessageResult result, bool encrypted)
    {
        // Every answer goes with its length: without one Kestrel would send it in chunks, which costs framing on
        // both sides for a body that is complete before the first byte leaves.
        if (!result.HasReply)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            http.Response.ContentLength = Success.Length;
            await http.Response.Body.WriteAsync(Success, http.RequestAborted);
            return;
        }
        http.Response.ContentType = "application/xml; charset=utf-8";
        if (!encrypted)
        {
            http.Response.ContentLength = Encoding.UTF8.GetByteCount(result.ReplyXml!);
            await http.Response.WriteAsync(result.ReplyXml!, http.RequestAborted);
            return;
        }

        // Our own timestamp and nonce, signed with the reply; written as bytes, the envelope costs no strings.
        // One call for all the randomness: the 16 bytes that open the ciphertext and 4 for the nonce.
        Span<byte> random = stackalloc byte[EncryptedReplyWriter.RandomLength + sizeof(uint)];
        ThreadRandom.Fill(random);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce(BitConverter.ToUInt32(random[EncryptedReplyWriter.RandomLength..]));
        var crypto = account.Crypto!;
        var token = account.Account.Token;
        var buffer = ArrayPool<byte>.Shared.Rent(EncryptedReplyWriter.MaxUtf8Length(result.ReplyXml!, crypto, token, timestamp, nonce));
        try
        {
            var length = EncryptedReplyWriter.WriteUtf8(result.ReplyXml!, crypto, token, timestamp, nonce, random[..EncryptedReplyWriter.RandomLength], buffer);
            http.Response.ContentLength = length;
            await http.Response.Body.WriteAsync(buffer.AsMemory(0, length), http.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A nine- or ten-digit nonce, as WeChat's own are.</summary>
    private static string Nonce(uint random) => (100_000_000 + random % (int.MaxValue - 100_000_000u)).ToString(CultureInfo.InvariantCulture);

    private Task RefuseAsync(HttpContext http, WebhookRefusal refusal)
    {
        LogRefused(_logger, refusal, http.Request.Method);
        http.Response.StatusCode = refusal.StatusCode();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not handle {MessageKey}; answered 500 so that WeChat retries it")]
    private static partial void LogFailed(ILogger logger, string messageKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retry of {MessageKey} found it still being handled elsewhere, with nothing recorded yet; answered 500 so that WeChat asks again")]
    private static partial void LogStillRunning(ILogger logger, string messageKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook {Method}: {Refusal}")]
    private static partial void LogRefused(ILogger logger, WebhookRefusal refusal, string method);
}
