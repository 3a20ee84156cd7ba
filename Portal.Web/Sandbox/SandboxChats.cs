using System.Collections.Concurrent;
using System.Xml.Linq;

namespace Portal.Web.Sandbox;

/// <summary>
/// Each follower's conversation as the phone page shows it: what they sent or tapped, and the passive
/// replies the account answered with. Customer-service and template messages stay in
/// <see cref="SandboxInbox"/>; the phone page shows both in time order.
/// </summary>
public sealed class SandboxChats(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, List<SandboxChatEntry>> _byFollower = new(StringComparer.Ordinal);

    public IReadOnlyList<SandboxChatEntry> For(string openId)
    {
        if (!_byFollower.TryGetValue(openId, out var entries))
            return [];
        lock (entries)
            return [.. entries];
    }

    /// <summary>Something the follower did: a text they typed, or a note such as "tapped Menu".</summary>
    public void FromFollower(string openId, string kind, string text) => Add(openId, new SandboxChatEntry("follower", kind, text, null, time.GetUtcNow()));

    /// <summary>A line from the platform itself, such as the failure notice when the server did not answer.</summary>
    public void FromPlatform(string openId, string text) => Add(openId, new SandboxChatEntry("platform", "notice", text, null, time.GetUtcNow()));

    /// <summary>A passive reply, kept as the XML the account answered so every reply type can be drawn.</summary>
    public void Reply(string openId, XElement reply) =>
        Add(openId, new SandboxChatEntry("account", reply.Element("MsgType")?.Value ?? "unknown", reply.Element("Content")?.Value ?? "", reply, time.GetUtcNow()));

    private void Add(string openId, SandboxChatEntry entry)
    {
        var entries = _byFollower.GetOrAdd(openId, _ => []);
        lock (entries)
            entries.Add(entry);
    }
}

/// <summary>One line of a chat. <see cref="Side"/> is follower, account or platform.</summary>
public sealed record SandboxChatEntry(string Side, string Kind, string Text, XElement? Reply, DateTimeOffset At);
