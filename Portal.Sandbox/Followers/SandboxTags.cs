using Portal.Sandbox.Platform;
using static Portal.Sandbox.Followers.PlatformTagRules;

namespace Portal.Sandbox.Followers;

/// <summary>
/// One account's follower tags with the platform's limits (<see cref="PlatformTagRules"/>)
/// (https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html). A tag
/// put on a follower is kept in <see cref="SandboxFollower.TagIds"/>, in the order tags were put on, which
/// conditional menus match on. Changes to that list are made holding the list itself, so readers on other
/// threads take a copy through <see cref="TagsOf"/>. The tags are kept in the data folder through
/// <see cref="SandboxState"/>; who carries them is kept with the followers.
/// </summary>
public sealed class SandboxTags
{
    /// <summary>Where the platform's own ids end: tags made by the account are numbered from here.</summary>
    private const int FirstAccountTagId = 100;

    private readonly SandboxFollowers _followers;
    private readonly SandboxMemory? _state;
    private readonly Lock _gate = new();

    /// <summary>The platform's reserved tag 2, the star group, is there from the start, as on a real account.</summary>
    private readonly SortedDictionary<int, string> _names = new() { [2] = "星标组" };
    private int _nextId = FirstAccountTagId;

    /// <param name="state">Where the tags are kept between runs; without it (a test's own platform) they live in memory only.</param>
    public SandboxTags(SandboxFollowers followers, SandboxMemory? state = null)
    {
        _followers = followers;
        _state = state;
        if (state?.Keep("tags", Snapshot) is { } saved)
        {
            foreach (var (id, name) in saved.Names)
                _names[id] = name;
            _nextId = saved.NextId;
        }
    }

    /// <summary>A copy of a follower's tags, oldest first.</summary>
    public static IReadOnlyList<int> TagsOf(SandboxFollower follower)
    {
        lock (follower.TagIds)
            return [.. follower.TagIds];
    }

    public string? NameOf(int id)
    {
        lock (_gate)
            return _names.GetValueOrDefault(id);
    }

    /// <summary>Every tag with how many followers carry it.</summary>
    public IReadOnlyList<Tag> All()
    {
        var counts = new Dictionary<int, int>();
        foreach (var follower in _followers.All())
        {
            foreach (var id in TagsOf(follower))
                counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        lock (_gate)
            return [.. _names.Select(t => new Tag(t.Key, t.Value, counts.GetValueOrDefault(t.Key)))];
    }

    public (int Code, Tag? Tag) Create(string? name)
    {
        lock (_gate)
        {
            if (CheckName(name, exceptId: null) is var refused and not 0)
                return (refused, null);
            if (_names.Keys.Count(id => !IsReserved(id)) >= MaxTags)
                return (TooManyTags, null);
            var id = _nextId++;
            _names[id] = name!;
            _state?.Changed();
            return (0, new Tag(id, name!));
        }
    }

    public int Rename(int id, string? name)
    {
        lock (_gate)
        {
            if (IsReserved(id))
                return ReservedTag;
            if (!_names.ContainsKey(id))
                return UnknownTag;
            if (CheckName(name, exceptId: id) is var refused and not 0)
                return refused;
            _names[id] = name!;
            _state?.Changed();
            return 0;
        }
    }

    /// <summary>The tag goes, and with it from every follower.</summary>
    public int Delete(int id)
    {
        lock (_gate)
        {
            if (IsReserved(id))
                return ReservedTag;
            if (!_names.Remove(id))
                return UnknownTag;
            foreach (var follower in _followers.All())
            {
                lock (follower.TagIds)
                    follower.TagIds.Remove(id);
            }
            _state?.Changed();
            _followers.Changed();
            return 0;
        }
    }

    /// <summary>batchtagging: all or nothing, as one refusal names the whole batch.</summary>
    public int Tag(int id, IReadOnlyList<string>? openIds) => Change(id, openIds, tagging: true);

    public int Untag(int id, IReadOnlyList<string>? openIds) => Change(id, openIds, tagging: false);

    /// <summary>One page of the followers carrying a tag, in the order the sandbox knows them.</summary>
    public (int Code, IReadOnlyList<string> OpenIds) FollowersOf(int id, string? nextOpenId, int pageSize)
    {
        lock (_gate)
        {
            if (!_names.ContainsKey(id))
                return (UnknownTag, []);
        }
        var carrying = _followers.All().Where(f => TagsOf(f).Contains(id)).Select(f => f.OpenId).ToList();
        var start = 0;
        if (!string.IsNullOrEmpty(nextOpenId))
        {
            start = carrying.IndexOf(nextOpenId) + 1;
            if (start == 0)
                return (PlatformErrors.InvalidOpenId, []);
        }
        return (0, carrying.Skip(start).Take(pageSize).ToList());
    }

    private int Change(int id, IReadOnlyList<string>? openIds, bool tagging)
    {
        if (openIds is null || openIds.Count is 0 or > MaxBatch)
            return BatchSize;
        lock (_gate)
        {
            if (!_names.ContainsKey(id))
                return UnknownTag;
            var people = new List<SandboxFollower>(openIds.Count);
            foreach (var openId in openIds)
            {
                if (_followers.Find(openId) is not { } follower)
                    return PlatformErrors.InvalidOpenId;
                people.Add(follower);
            }
            if (tagging && people.Any(p => TagsOf(p) is var tags && !tags.Contains(id) && tags.Count >= MaxTagsPerFollower))
                return TooManyTagsOnFollower;
            foreach (var follower in people)
            {
                lock (follower.TagIds)
                {
                    if (!tagging)
                        follower.TagIds.Remove(id);
                    else if (!follower.TagIds.Contains(id))
                        follower.TagIds.Add(id);
                }
            }
            _followers.Changed();
            return 0;
        }
    }

    private SavedTags Snapshot()
    {
        lock (_gate)
            return new SavedTags(new Dictionary<int, string>(_names), _nextId);
    }

    /// <summary>The tags as the data folder keeps them (the star group included, harmlessly).</summary>
    private sealed record SavedTags(Dictionary<int, string> Names, int NextId);

    private int CheckName(string? name, int? exceptId)
    {
        if (string.IsNullOrEmpty(name) || System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            return NameTooLong;
        return _names.Any(t => t.Value == name && t.Key != exceptId) ? NameTaken : 0;
    }
}
