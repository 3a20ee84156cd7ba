using System.Collections.Concurrent;
using System.Xml.Linq;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Messaging;

/// <summary>
/// Each follower's conversation as the phone page shows it: what they sent or tapped, and the passive
/// replies the account answered with. Customer-service and template messages stay in
/// <see cref="SandboxInbox"/>; the phone page shows both in time order. Chats are kept in the data folder
/// through <see cref="SandboxState"/>, the newest <see cref="KeptPerFollower"/> lines of each.
/// </summary>
public sealed class SandboxChats
{
    /// <summary>Lines kept per follower across restarts: enough to scroll back, few enough to write cheaply.</summary>
    public const int KeptPerFollower = 500;

    private readonly TimeProvider _time;
    private readonly SandboxMemory? _state;
    private readonly ConcurrentDictionary<string, List<SandboxChatEntry>> _byFollower = new(StringComparer.Ordinal);

    public SandboxChats(TimeProvider time, SandboxMemory? state = null)
    {
        _time = time;
        _state = state;
        foreach (var (openId, lines) in state?.Keep("chats", Snapshot) ?? [])
            _byFollower[openId] = [.. lines.Select(l => l.Restore())];
    }

    public IReadOnlyList<SandboxChatEntry> For(string openId)
    {
        if (!_byFollower.TryGetValue(openId, out var entries))
            return [];
        lock (entries)
            return [.. entries];
    }

    /// <summary>Something the follower did: a text they typed, or a note such as "tapped Menu".</summary>
    public void FromFollower(string openId, string kind, string text) => Add(openId, new SandboxChatEntry("follower", kind, text, null, _time.GetUtcNow()));

    /// <summary>A line from the platform itself, such as the failure notice when the server did not answer.</summary>
    public void FromPlatform(string openId, string text) => Add(openId, new SandboxChatEntry("platform", "notice", text, null, _time.GetUtcNow()));

    /// <summary>A passive reply, kept as the XML the account answered so every reply type can be drawn.</summary>
    public void Reply(string openId, XElement reply) =>
        Add(openId, new SandboxChatEntry("account", reply.Element("MsgType")?.Value ?? "unknown", reply.Element("Content")?.Value ?? "", reply, _time.GetUtcNow()));

    private void Add(string openId, SandboxChatEntry entry)
    {
        var entries = _byFollower.GetOrAdd(openId, _ => []);
        lock (entries)
            entries.Add(entry);
        _state?.Changed();
    }

    private Dictionary<string, List<SavedLine>> Snapshot()
    {
        var saved = new Dictionary<string, List<SavedLine>>(StringComparer.Ordinal);
        foreach (var (openId, entries) in _byFollower)
        {
            lock (entries)
                saved[openId] = [.. entries.TakeLast(KeptPerFollower).Select(SavedLine.Of)];
        }
        return saved;
    }

    /// <summary>A chat line as the data folder keeps it: the reply as the XML text the account answered.</summary>
    private sealed record SavedLine(string Side, string Kind, string Text, string? Reply, DateTimeOffset At)
    {
        public static SavedLine Of(SandboxChatEntry e) => new(e.Side, e.Kind, e.Text, e.Reply?.ToString(SaveOptions.DisableFormatting), e.At);

        public SandboxChatEntry Restore() => new(Side, Kind, Text, Reply is null ? null : XElement.Parse(Reply), At);
    }
}

/// <summary>One line of a chat. <see cref="Side"/> is follower, account or platform.</summary>
public sealed record SandboxChatEntry(string Side, string Kind, string Text, XElement? Reply, DateTimeOffset At);
