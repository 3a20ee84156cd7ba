using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;

namespace Portal.Core.Messaging;

/// <summary>
/// Exactly-once handling of WeChat's retries. The first delivery of a message claims its key as
/// "processing"; when it has an answer it replaces the claim with "done" and the reply, which every
/// retry (on any instance sharing the store) then receives unchanged. A retry that arrives while the
/// first is still running waits for that reply. A delivery that fails releases its claim, so a later
/// retry runs the handler again instead of losing the message.
/// </summary>
public sealed class MessageClaims(ICoordinationStore store, InstanceIdentity instance, IOptions<MessagingOptions> options, TimeProvider time)
{
    private readonly string _ownerPrefix = instance.Id + ":";
    private long _sequence;

    // A claim in progress holds "p:" and its owner; a finished one holds the reply itself (XML, or empty for
    // "success"), which never starts so. Earlier versions wrote "d:" before the reply; such values still read.
    private const string Processing = "p:";
    private const string LegacyDone = "d:";

    // A processing claim outlives the handler deadline by a margin; if its instance dies, the claim
    // lapses in time for WeChat's later retries to run the message again.
    private TimeSpan ProcessingTtl => options.Value.HandlerDeadline + TimeSpan.FromSeconds(6);

    public async Task<ClaimOutcome> ClaimAsync(string key, CancellationToken ct = default)
    {
        // Only has to be unique among the deliveries racing for this key; it is not a secret.
        var token = Processing + _ownerPrefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        if (await store.TryClaimAsync(Key(key), token, ProcessingTtl, ct).ConfigureAwait(false))
            return ClaimOutcome.Won(token);
        var value = await store.GetAsync(Key(key), ct).ConfigureAwait(false);
        return Read(value) ?? ClaimOutcome.InProgress;
    }

    /// <summary>Waits up to <paramref name="budget"/> for the first delivery's reply; null if it has none yet.</summary>
    public async Task<string?> WaitForReplyAsync(string key, TimeSpan budget, CancellationToken ct = default)
    {
        var deadline = time.GetUtcNow() + budget;
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var value = await store.GetAsync(Key(key), ct).ConfigureAwait(false);
            if (Read(value) is { State: ClaimState.Done } done)
                return done.ReplyXml;
            if (value is null)
                return null; // the first delivery failed and released its claim: nothing to replay
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                return null;
            await Task.Delay(pause < left ? pause : left, time, ct).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 1.5, 200));
        }
    }

    /// <summary>Records the answer for replay. Empty means WeChat was answered <c>success</c>.</summary>
    public Task<bool> CompleteAsync(string key, string ownerToken, string replyXml, CancellationToken ct = default)
    {
        if (replyXml.StartsWith(Processing, StringComparison.Ordinal) || replyXml.StartsWith(LegacyDone, StringComparison.Ordinal))
            throw new ArgumentException("A reply is XML or empty.", nameof(replyXml));
        return store.ReplaceIfEqualsAsync(Key(key), ownerToken, replyXml, options.Value.ReplyRetention, ct);
    }

    /// <summary>Gives the message back, so that WeChat's next retry runs it again.</summary>
    public Task<bool> ReleaseAsync(string key, string ownerToken, CancellationToken ct = default) =>
        store.DeleteIfEqualsAsync(Key(key), ownerToken, ct);

    private static string Key(string key) => "msg:" + key;

    private static ClaimOutcome? Read(string? value) =>
        value is null || value.StartsWith(Processing, StringComparison.Ordinal) ? null
        : value.StartsWith(LegacyDone, StringComparison.Ordinal) ? ClaimOutcome.Done(value[LegacyDone.Length..])
        : ClaimOutcome.Done(value);
}
