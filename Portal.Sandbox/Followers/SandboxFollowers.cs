using System.Security.Cryptography;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Followers;

/// <summary>
/// The people who follow one account on the sandbox platform (OpenIDs are per account): made on the phone page (or by a test), followed and
/// unfollowed there, and looked up by the sandbox's user, tag, customer-service and OAuth endpoints. The
/// platform's rule for customer-service messages lives here too: a follower can be sent them for 48 hours
/// after they last wrote, tapped a menu, followed or scanned a code. Everyone is kept in the data folder
/// through <see cref="SandboxState"/>, as the platform keeps an account's followers across Portal's restarts.
/// </summary>
public sealed class SandboxFollowers
{
    public static readonly TimeSpan ReplyWindow = Messaging.PlatformMessageRules.ReplyWindow;

    private readonly TimeProvider _time;
    private readonly SandboxMemory? _state;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxFollower> _byOpenId = new(StringComparer.Ordinal);
    private readonly List<SandboxFollower> _inOrder = [];

    /// <param name="state">Where the followers are kept between runs; without it (a test's own platform) they live in memory only.</param>
    public SandboxFollowers(TimeProvider time, SandboxMemory? state = null)
    {
        _time = time;
        _state = state;
        foreach (var saved in state?.Keep("followers", Snapshot) ?? [])
        {
            var follower = saved.Restore();
            if (_byOpenId.TryAdd(follower.OpenId, follower))
                _inOrder.Add(follower);
        }
    }

    /// <summary>A new person (not yet following), with an OpenID shaped like the platform's: 28 characters starting with 'o'.</summary>
    public SandboxFollower Create(string nickname, string? openId = null)
    {
        var follower = new SandboxFollower(openId ?? NewOpenId(), nickname);
        lock (_gate)
        {
            if (_byOpenId.TryAdd(follower.OpenId, follower))
            {
                _inOrder.Add(follower);
                _state?.Changed();
            }
            return _byOpenId[follower.OpenId];
        }
    }

    /// <summary>
    /// Makes <paramref name="count"/> people who already follow (as through search), in one go: for tests
    /// and demonstrations that need an account with thousands of followers.
    /// </summary>
    public IReadOnlyList<SandboxFollower> Seed(int count, string nicknamePrefix = "Follower")
    {
        var now = _time.GetUtcNow();
        var made = new List<SandboxFollower>(count);
        lock (_gate)
        {
            while (made.Count < count)
            {
                var follower = new SandboxFollower(NewOpenId(), $"{nicknamePrefix} {made.Count + 1}")
                {
                    Subscribed = true,
                    SubscribedAt = now,
                    SubscribeScene = "ADD_SCENE_SEARCH",
                };
                if (_byOpenId.TryAdd(follower.OpenId, follower))
                {
                    _inOrder.Add(follower);
                    made.Add(follower);
                }
            }
        }
        _state?.Changed();
        return made;
    }

    public SandboxFollower? Find(string? openId)
    {
        if (openId is null)
            return null;
        lock (_gate)
            return _byOpenId.GetValueOrDefault(openId);
    }

    /// <summary>Everyone the sandbox knows, in the order they were made.</summary>
    public IReadOnlyList<SandboxFollower> All()
    {
        lock (_gate)
            return [.. _inOrder];
    }

    /// <summary>Followers in the order the platform's user list pages through them.</summary>
    public IReadOnlyList<SandboxFollower> Subscribed()
    {
        lock (_gate)
            return [.. _inOrder.Where(f => f.Subscribed)];
    }

    public void Follow(SandboxFollower follower, string? qrScene)
    {
        lock (_gate)
        {
            follower.Subscribed = true;
            follower.SubscribedAt = _time.GetUtcNow();
            follower.QrScene = qrScene;
            follower.SubscribeScene = qrScene is null ? "ADD_SCENE_SEARCH" : "ADD_SCENE_QR_CODE";
            follower.LastInteractionAt = follower.SubscribedAt;
        }
        _state?.Changed();
    }

    public void Unfollow(SandboxFollower follower)
    {
        lock (_gate)
            follower.Subscribed = false;
        _state?.Changed();
    }

    /// <summary>user/info/updateremark: the account's own note on a follower.</summary>
    public void SetRemark(SandboxFollower follower, string remark)
    {
        lock (_gate)
            follower.Remark = remark;
        _state?.Changed();
    }

    /// <summary>A follower's details or tags changed outside this class (tags are kept on the follower).</summary>
    public void Changed() => _state?.Changed();

    /// <summary>The follower wrote, tapped a menu button or scanned a code: the 48-hour window opens again.</summary>
    public void Interacted(SandboxFollower follower)
    {
        lock (_gate)
            follower.LastInteractionAt = _time.GetUtcNow();
        _state?.Changed();
    }

    /// <summary>Whether customer-service messages may reach this follower now.</summary>
    public bool WindowOpen(SandboxFollower follower)
    {
        lock (_gate)
            return follower.Subscribed && follower.LastInteractionAt is { } last && _time.GetUtcNow() - last < ReplyWindow;
    }

    /// <summary>Pretends the follower last interacted long enough ago that the window is closed (a development endpoint's).</summary>
    internal void CloseWindow(SandboxFollower follower)
    {
        lock (_gate)
            follower.LastInteractionAt = _time.GetUtcNow() - ReplyWindow - TimeSpan.FromMinutes(1);
        _state?.Changed();
    }

    private List<SavedFollower> Snapshot()
    {
        lock (_gate)
            return [.. _inOrder.Select(SavedFollower.Of)];
    }

    private static string NewOpenId() =>
        "o" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 27);
}

/// <summary>One person on the sandbox platform, with what the platform's user-info endpoint tells about them.</summary>
public sealed class SandboxFollower(string openId, string nickname)
{
    public string OpenId { get; } = openId;
    public string Nickname { get; set; } = nickname;

    /// <summary>0 unknown, 1 male, 2 female (the platform no longer discloses it in user info, but conditional menus still match on it).</summary>
    public int Sex { get; set; }
    public string Language { get; set; } = "zh_CN";
    public string Country { get; set; } = "中国";
    public string Province { get; set; } = "广东";
    public string City { get; set; } = "深圳";
    public string HeadImgUrl { get; set; } = "";
    public bool Subscribed { get; internal set; }
    public DateTimeOffset? SubscribedAt { get; internal set; }
    public string SubscribeScene { get; internal set; } = "ADD_SCENE_OTHERS";
    public string? QrScene { get; internal set; }
    public DateTimeOffset? LastInteractionAt { get; internal set; }
    public string Remark { get; set; } = "";
    public List<int> TagIds { get; } = [];
}

/// <summary>A follower as the data folder keeps them.</summary>
internal sealed record SavedFollower(
    string OpenId, string Nickname, int Sex, string Language, string Country, string Province, string City, string HeadImgUrl,
    bool Subscribed, DateTimeOffset? SubscribedAt, string SubscribeScene, string? QrScene, DateTimeOffset? LastInteractionAt,
    string Remark, List<int> TagIds)
{
    public static SavedFollower Of(SandboxFollower f) => new(
        f.OpenId, f.Nickname, f.Sex, f.Language, f.Country, f.Province, f.City, f.HeadImgUrl,
        f.Subscribed, f.SubscribedAt, f.SubscribeScene, f.QrScene, f.LastInteractionAt, f.Remark, [.. SandboxTags.TagsOf(f)]);

    public SandboxFollower Restore()
    {
        var follower = new SandboxFollower(OpenId, Nickname)
        {
            Sex = Sex,
            Language = Language,
            Country = Country,
            Province = Province,
            City = City,
            HeadImgUrl = HeadImgUrl,
            Subscribed = Subscribed,
            SubscribedAt = SubscribedAt,
            SubscribeScene = SubscribeScene,
            QrScene = QrScene,
            LastInteractionAt = LastInteractionAt,
            Remark = Remark,
        };
        follower.TagIds.AddRange(TagIds ?? []);
        return follower;
    }
}
