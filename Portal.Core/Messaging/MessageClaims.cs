using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;

namespace Portal.Core.Messaging;

/// <summary>
/// Exactly-once handling of WeChat's retries, across instances. The first delivery of a message claims its
/// key as "processing" under its instance's name; when it has an answer it replaces the claim with the reply,
/// which every retry (on any instance sharing the store) then receives unchanged. A retry that finds the
/// message still processing waits for that reply, and takes the message over if the holder's heartbeat stops
/// (the instance died) or the claim vanishes (the holder gave it back after a failure). Whenever the store
/// cannot vouch for a won claim (it restarted lately, the claim was taken over, or it cannot be reached),
/// the caller asks <see cref="MessageBackstop"/> before running the handler.
/// </summary>
public sealed class MessageClaims(ICoordinationStore store, InstanceHeartbeat heartbeat, InstanceIdentity instance, IOptions<MessagingOptions> options, TimeProvider time)
{
    private readonly string _ownerPrefix = Processing + instance.Id + ":";
    private long _sequence;

    // A claim in progress holds "p:", its instance and a number; a finished one holds the reply itself (XML, or
    // empty for "success"), which never starts so.
    private const string Processing = "p:";

    // A processing claim lives as long as a reply is kept: a dead holder is noticed by its heartbeat, not by the
    // claim lapsing, so no retry ever finds the key empty and runs the message without asking the database.
    private TimeSpan ClaimLife => options.Value.ReplyRetention;

    // How far WeChat's clock (a message's CreateTime) may be behind ours. Servers keep time by NTP, far closer.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(10);

    /// <param name="key">The message's key.</param>
    /// <param name="created">When WeChat says the message was created: only one created before the store's memory began can be a retry it forgot.</param>
    /// <param name="ct">Cancels the claim.</param>
    public async Task<ClaimOutcome> ClaimAsync(string key, DateTimeOffset created, CancellationToken ct = default)
    {
        var token = NewToken();
        ClaimAttempt attempt;
        try
        {
            attempt = await store.ClaimOrReadAsync(Key(key), token, ClaimLife, ct).ConfigureAwait(false);
        }
        catch (CoordinationUnavailableException)
        {
            return ClaimOutcome.Unguarded;
        }
        if (attempt.Won)
        {
            // A message from before the store's memory began may have been handled then: a retry the store forgot.
            // Any later message is new for certain, so the database is asked only about those few.
            return ClaimOutcome.Won(token, askDatabase: created <= attempt.RemembersSince + ClockMargin);
        }
        return Read(attempt.Existing) ?? ClaimOutcome.InProgress(attempt.Existing);
    }

    /// <summary>
    /// Waits for the delivery that holds <paramref name="key"/> until <paramref name="deadline"/>: its reply
    /// (<see cref="ClaimState.Done"/>), the message taken over from a dead or failed holder (<see cref="ClaimState.Won"/>,
    /// always to be checked against the database), or still <see cref="ClaimState.InProgress"/> when time ran out.
    /// </summary>
    public async Task<ClaimOutcome> AwaitAsync(string key, DateTimeOffset deadline, CancellationToken ct = default)
    {
        var pause = TimeSpan.FromMilliseconds(20);
        try
        {
            while (true)
            {
                var value = await store.GetAsync(Key(key), ct).ConfigureAwait(false);
                if (value is null)
                {
                    // The holder gave the message back (its handler failed), or the store forgot it: claim it afresh.
                    var again = await ClaimAsync(key, DateTimeOffset.MinValue, ct).ConfigureAwait(false);
                    if (again.State != ClaimState.InProgress)
                        return again.State == ClaimState.Won ? ClaimOutcome.Won(again.OwnerToken!, askDatabase: true) : again;
                    value = again.Holder;
                }
                else if (Read(value) is { } done)
                {
                    return done;
                }
                if (value is not null && Owner(value) is { } owner && !await heartbeat.IsAliveAsync(owner, ct).ConfigureAwait(false))
                {
                    var token = NewToken();
                    if (await store.ReplaceIfEqualsAsync(Key(key), value, token, ClaimLife, ct).ConfigureAwait(false))
                        return ClaimOutcome.Won(token, askDatabase: true);
                    continue; // someone else moved first: see what they left
                }
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                    return ClaimOutcome.InProgress(value);
                await Task.Delay(pause < left ? pause : left, time, ct).ConfigureAwait(false);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 1.5, 200));
            }
        }
        catch (CoordinationUnavailableException)
        {
            return ClaimOutcome.Unguarded;
        }
    }

    /// <summary>Records the answer for replay. Empty means WeChat was answered <c>success</c>. False if the store could not take it.</summary>
    public async Task<bool> CompleteAsync(string key, string ownerToken, string replyXml, CancellationToken ct = default)
    {
        if (replyXml.StartsWith(Processing, StringComparison.Ordinal))
            throw new ArgumentException("A reply is XML or empty.", nameof(replyXml));
        try
        {
            return await store.ReplaceIfEqualsAsync(Key(key), ownerToken, replyXml, options.Value.ReplyRetention, ct).ConfigureAwait(false);
        }
        catch (CoordinationUnavailableException)
        {
            return false; // the database has the answer; a retry that finds the claim unfinished asks it
        }
    }

    /// <summary>Gives the message back, so that WeChat's next retry runs it again.</summary>
    public async Task<bool> ReleaseAsync(string key, string ownerToken, CancellationToken ct = default)
    {
        try
        {
            return await store.DeleteIfEqualsAsync(Key(key), ownerToken, ct).ConfigureAwait(false);
        }
        catch (CoordinationUnavailableException)
        {
            return false;
        }
    }

    // Only has to be unique among the deliveries racing for this key; it is not a secret.
    private string NewToken() => _ownerPrefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    private static string Key(string key) => "msg:" + key;

    /// <summary>The instance named in a processing claim ("p:instance:number").</summary>
    private static string? Owner(string value)
    {
        if (!value.StartsWith(Processing, StringComparison.Ordinal))
            return null;
        var end = value.LastIndexOf(':');
        return end > Processing.Length ? value[Processing.Length..end] : null;
    }

    private static ClaimOutcome? Read(string? value) =>
        value is null || value.StartsWith(Processing, StringComparison.Ordinal) ? null : ClaimOutcome.Done(value);
}
