using System.Collections.Concurrent;
using System.Text.Json;

namespace Portal.Web.Sandbox;

/// <summary>
/// What the sandbox platform delivered to each follower (customer-service messages, later template
/// messages). Customer-service messages reach only a follower whose 48-hour window is open; a developer
/// can also make the platform busy to see Portal cope. Deliveries are kept in the data folder through
/// <see cref="SandboxState"/>, the newest <see cref="SandboxChats.KeptPerFollower"/> of each follower's.
/// </summary>
public sealed class SandboxInbox
{
    private readonly SandboxFollowers _followers;
    private readonly TimeProvider _time;
    private readonly SandboxState? _state;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SandboxDelivery>> _byFollower = new(StringComparer.Ordinal);
    private int _busyAnswers;

    public SandboxInbox(SandboxFollowers followers, TimeProvider time, SandboxState? state = null)
    {
        _followers = followers;
        _time = time;
        _state = state;
        foreach (var (openId, deliveries) in state?.Keep("deliveries", Snapshot) ?? [])
            _byFollower[openId] = new(deliveries);
    }

    public IReadOnlyCollection<SandboxDelivery> For(string openId) =>
        _byFollower.TryGetValue(openId, out var queue) ? queue : [];

    /// <summary>The next <paramref name="count"/> sends are answered -1 (system busy).</summary>
    public void AnswerBusy(int count) => Interlocked.Exchange(ref _busyAnswers, count);

    /// <summary>A customer-service message: 0 when accepted, else the platform's error code.</summary>
    public int DeliverCustomerService(string openId, string msgType, JsonElement message)
    {
        while (Volatile.Read(ref _busyAnswers) is var busy and > 0)
        {
            if (Interlocked.CompareExchange(ref _busyAnswers, busy - 1, busy) == busy)
                return -1;
        }
        if (_followers.Find(openId) is not { } follower)
            return 40003; // invalid openid
        if (!_followers.WindowOpen(follower))
            return 45015;
        Deliver(openId, msgType, message);
        return 0;
    }

    /// <summary>Puts a message in the follower's chat, whatever kind it is.</summary>
    public void Deliver(string openId, string msgType, JsonElement message)
    {
        _byFollower.GetOrAdd(openId, _ => new()).Enqueue(new SandboxDelivery(msgType, message.Clone(), _time.GetUtcNow()));
        _state?.Changed();
    }

    private Dictionary<string, List<SandboxDelivery>> Snapshot() =>
        _byFollower.ToDictionary(f => f.Key, f => f.Value.TakeLast(SandboxChats.KeptPerFollower).ToList(), StringComparer.Ordinal);
}

/// <summary>One message the sandbox delivered to a follower.</summary>
public sealed record SandboxDelivery(string MsgType, JsonElement Message, DateTimeOffset At);
