using System.Collections.Concurrent;
using System.Text.Json;

namespace Portal.Web.Sandbox;

/// <summary>
/// What the sandbox platform delivered to each follower (customer-service messages, later template
/// messages), and the follower-side conditions a developer can set to see Portal cope: a closed 48-hour
/// window, a busy platform.
/// </summary>
public sealed class SandboxInbox(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SandboxDelivery>> _byFollower = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _closedWindows = new(StringComparer.Ordinal);
    private int _busyAnswers;

    public IReadOnlyCollection<SandboxDelivery> For(string openId) =>
        _byFollower.TryGetValue(openId, out var queue) ? queue : [];

    /// <summary>The follower has not written for 48 hours: customer-service messages to them get 45015.</summary>
    public void CloseWindow(string openId) => _closedWindows[openId] = true;

    /// <summary>The next <paramref name="count"/> sends are answered -1 (system busy).</summary>
    public void AnswerBusy(int count) => Interlocked.Exchange(ref _busyAnswers, count);

    /// <summary>0 when accepted, else the platform's error code.</summary>
    public int Deliver(string openId, string msgType, JsonElement message)
    {
        while (Volatile.Read(ref _busyAnswers) is var busy and > 0)
        {
            if (Interlocked.CompareExchange(ref _busyAnswers, busy - 1, busy) == busy)
                return -1;
        }
        if (_closedWindows.ContainsKey(openId))
            return 45015;
        _byFollower.GetOrAdd(openId, _ => new()).Enqueue(new SandboxDelivery(msgType, message.Clone(), time.GetUtcNow()));
        return 0;
    }
}

/// <summary>One message the sandbox delivered to a follower.</summary>
public sealed record SandboxDelivery(string MsgType, JsonElement Message, DateTimeOffset At);
