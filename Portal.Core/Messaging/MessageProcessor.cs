using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Messaging;

/// <summary>
/// Everything that happens to a verified, parsed message: claim it (or replay the answer a retry is
/// owed), route it, run the handler under the deadline, commit the log, and record the answer for
/// retries. The webhook around it deals with HTTP, signatures and encryption.
/// </summary>
public sealed partial class MessageProcessor(
    MessageRouter router,
    MessageClaims claims,
    MessageBackstop backstop,
    MessageJournal journal,
    LateReplies lateReplies,
    IOptions<MessagingOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<MessageProcessor> logger)
{
    /// <param name="account">The account whose URL, token and key the message came through.</param>
    /// <param name="message">The parsed message.</param>
    /// <param name="messageXml">Its plaintext XML, asked for only when the reply is deferred (it is stored to survive a crash).</param>
    public async Task<MessageResult> ProcessAsync(WeChatAccount account, InboundMessage message, Func<string> messageXml, CancellationToken ct = default)
    {
        var received = time.GetUtcNow();
        // The account is part of the key: two accounts' followers may send the same MsgId, and each is a message.
        var key = account.AppId + ":" + message.DeduplicationKey;

        var claim = await claims.ClaimAsync(key, DateTimeOffset.FromUnixTimeSeconds(message.CreateTime), ct).ConfigureAwait(false);
        if (claim.State == ClaimState.InProgress)
        {
            // A retry while the first delivery runs: wait for its reply, or take the message over if it died.
            claim = await claims.AwaitAsync(key, received + options.Value.HandlerDeadline, ct).ConfigureAwait(false);
            LogRetryWhileRunning(logger, key, claim.State);
        }
        if (claim.State == ClaimState.Done)
        {
            LogReplayed(logger, key);
            return new MessageResult(claim.ReplyXml, MessageOutcome.Replayed);
        }
        if (claim.State == ClaimState.InProgress || claim.AskDatabase)
        {
            // The store cannot vouch for this message: the database knows whether it was answered.
            if (await FindStoredAnswerAsync(key, claim, ct).ConfigureAwait(false) is { } stored)
            {
                var storedXml = stored.Reply is null ? "" : ReplyWriter.Write(stored.Reply, message.FromUserName, message.ToUserName, (stored.At ?? received).ToUnixTimeSeconds());
                if (claim.State == ClaimState.Won)
                    await claims.CompleteAsync(key, claim.OwnerToken!, storedXml, CancellationToken.None).ConfigureAwait(false);
                LogReplayedFromDatabase(logger, key);
                return new MessageResult(storedXml, MessageOutcome.Replayed);
            }
            // Its holder lives but has nothing to show yet: no answer now, so that WeChat asks again.
            if (claim.State == ClaimState.InProgress)
                return new MessageResult(null, MessageOutcome.StillRunning);
        }

        // Null when the store cannot be reached: the message is handled unguarded, the log's unique key the only fence.
        var token = claim.OwnerToken;
        try
        {
            var context = new MessageContext(message, account, received);
            var (reply, outcome, logged) = await HandleAsync(context, key, messageXml).ConfigureAwait(false);
            var replyXml = reply is null ? "" : ReplyWriter.Write(reply, message.FromUserName, message.ToUserName, received.ToUnixTimeSeconds());
            // Not the request's token: when WeChat hangs up on a slow answer, the handler has already run, and
            // the reply must still be recorded so the retry on its way gets it instead of running it again.
            try
            {
                await journal.AppendAsync(LogEntry(context, key, reply, outcome), MessageSummary.FollowerChange(context.AccountId, message, received), lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            finally
            {
                logged?.TrySetResult();
            }
            if (token is not null)
                await claims.CompleteAsync(key, token, replyXml, CancellationToken.None).ConfigureAwait(false);
            return new MessageResult(replyXml, outcome);
        }
        catch
        {
            // Nothing was promised to WeChat: give the message back so its retry runs it again.
            if (token is not null)
                await claims.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<StoredAnswer?> FindStoredAnswerAsync(string key, ClaimOutcome claim, CancellationToken ct)
    {
        try
        {
            return await backstop.FindAsync(key, ct).ConfigureAwait(false);
        }
        catch when (claim.State == ClaimState.Won)
        {
            // Without the database's word the message cannot be run safely: give it back and fail, so WeChat retries.
            await claims.ReleaseAsync(key, claim.OwnerToken!, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <returns>
    /// The reply and outcome; for a deferred reply also a signal to set once the message is in the log, which
    /// the late reply waits for before it marks the logged message answered.
    /// </returns>
    private async Task<(Reply? Reply, MessageOutcome Outcome, TaskCompletionSource? Logged)> HandleAsync(MessageContext context, string key, Func<string> messageXml)
    {
        var handler = router.Resolve(context.Message);
        if (handler is null)
            return (null, MessageOutcome.Handled, null);

        var run = RunAsync(handler, context);
        if (!run.IsCompleted)
        {
            var left = options.Value.HandlerDeadline - (time.GetUtcNow() - context.ReceivedAt);
            using var stopDelay = new CancellationTokenSource();
            var first = await Task.WhenAny(run, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, time, stopDelay.Token)).ConfigureAwait(false);
            await stopDelay.CancelAsync().ConfigureAwait(false);
            if (first != run)
            {
                var deferred = new LateReply(context.AppId, messageXml());
                await lateReplies.DeferAsync(context.Account, key, context.Message.FromUserName, deferred).ConfigureAwait(false);
                LogDeferred(logger, key);
                var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                // The row's lease is short; renewing it while the handler runs keeps recovery from re-running it.
                lateReplies.KeepLeasedWhile(key, FinishLateAsync(run, key, deferred, context, logged.Task));
                return (null, MessageOutcome.Deferred, logged);
            }
        }
        try
        {
            return (await run.ConfigureAwait(false), MessageOutcome.Handled, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogHandlerFailed(logger, key, e);
            return (null, MessageOutcome.HandlerFailed, null);
        }
    }

    private async Task<Reply?> RunAsync(IMessageHandler handler, MessageContext context) =>
        await handler.HandleAsync(context, lifetime.ApplicationStopping).ConfigureAwait(false);

    private async Task FinishLateAsync(Task<Reply?> run, string key, LateReply deferred, MessageContext context, Task logged)
    {
        try
        {
            Reply? reply;
            try
            {
                reply = await run.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, key, e);
                await lateReplies.FailAsync(key, deferred, "The handler failed: " + e.GetType().Name).ConfigureAwait(false);
                return;
            }
            // The message's own log row must exist before its late answer can be marked on it; the commit is
            // milliseconds after the deadline, long before a handler this slow finishes, so this rarely waits.
            await logged.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await lateReplies.CompleteAsync(key, deferred, reply, context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The row stays awaiting its handler; recovery runs the message again once its lease lapses.
            LogLateReplyNotStored(logger, key, e);
        }
    }

    private static MessageLogEntry LogEntry(MessageContext context, string key, Reply? reply, MessageOutcome outcome) => LogEntry(context.Message, key, reply, outcome, context.ReceivedAt) with
    {
        AccountId = context.Account.Id,
        ReplyKind = outcome != MessageOutcome.Handled || reply is null ? null
            : context.ReplyIsFallback ? MessageReplyKinds.Fallback : MessageReplyKinds.Answer,
    };

    private static MessageLogEntry LogEntry(InboundMessage message, string key, Reply? reply, MessageOutcome outcome, DateTimeOffset at) => new()
    {
        Direction = MessageLogEntry.In,
        OpenId = message.FromUserName,
        MsgType = message.MsgType,
        Event = (message as EventMessage)?.Event ?? (message as UnknownMessage)?.Event,
        EventKey = (message as EventMessage)?.EventKey,
        MsgId = MessageSummary.MsgId(message),
        DedupKey = key,
        Content = MessageSummary.Content(message),
        ReplyType = outcome == MessageOutcome.Deferred ? "deferred" : reply is null ? null : ReplyJson.TypeName(reply),
        ReplyBody = reply is null ? null : ReplyJson.Serialize(reply),
        CreatedAt = at,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replayed the stored reply of {MessageKey}")]
    private static partial void LogReplayed(ILogger logger, string messageKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retry of {MessageKey} arrived while it was being handled; after waiting: {State}")]
    private static partial void LogRetryWhileRunning(ILogger logger, string messageKey, ClaimState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed the answer of {MessageKey} from the database (the shared store could not vouch for it)")]
    private static partial void LogReplayedFromDatabase(ILogger logger, string messageKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handler of {MessageKey} missed the deadline; answered success, the reply goes through the outbox")]
    private static partial void LogDeferred(ILogger logger, string messageKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler of {MessageKey} failed; WeChat was answered success")]
    private static partial void LogHandlerFailed(ILogger logger, string messageKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the late reply of {MessageKey}; recovery will run it again")]
    private static partial void LogLateReplyNotStored(ILogger logger, string messageKey, Exception exception);
}
