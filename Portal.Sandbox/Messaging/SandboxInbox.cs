using System.Collections.Concurrent;
using System.Text.Json;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Messaging;

/// <summary>
/// What the sandbox platform delivered to each follower (customer-service messages, later template
/// messages), for one account. Customer-service messages reach only a follower whose 48-hour window is
/// open. Deliveries are kept in the data folder through
/// <see cref="SandboxMemory"/>, the newest <see cref="SandboxChats.KeptPerFollower"/> of each follower's.
/// </summary>
public sealed class SandboxInbox
{
    private readonly SandboxFollowers _followers;
    private readonly TimeProvider _time;
    private readonly SandboxMemory? _state;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SandboxDelivery>> _byFollower = new(StringComparer.Ordinal);

    public SandboxInbox(SandboxFollowers followers, TimeProvider time, SandboxMemory? state = null)
    {
        _followers = followers;
        _time = time;
        _state = state;
        foreach (var (openId, deliveries) in state?.Keep("deliveries", Snapshot) ?? [])
            _byFollower[openId] = new(deliveries);
    }

    public IReadOnlyCollection<SandboxDelivery> For(string openId) =>
        _byFollower.TryGetValue(openId, out var queue) ? queue : [];

    /// <summary>A customer-service message: 0 when accepted, else the platform's error code.</summary>
    public int DeliverCustomerService(string openId, string msgType, JsonElement message)
    {
        if (_followers.Find(openId) is not { } follower)
            return PlatformErrors.InvalidOpenId;
        if (!_followers.WindowOpen(follower))
            return PlatformErrors.ReplyWindowClosed;
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
