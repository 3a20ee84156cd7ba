using System.Text.Json.Serialization;

namespace Portal.Core.Platform;

/// <summary>
/// A parameter QR code to create: temporary or permanent, with a numeric or a string scene that comes back
/// in the follow or scan event (https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html).
/// Built only through the factory methods, which hold the platform's limits.
/// </summary>
public sealed record QrCodeRequest
{
    public const string TemporaryNumeric = "QR_SCENE";
    public const string TemporaryString = "QR_STR_SCENE";
    public const string PermanentNumeric = "QR_LIMIT_SCENE";
    public const string PermanentString = "QR_LIMIT_STR_SCENE";

    /// <summary>A temporary code lives at most 30 days.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(2_592_000);

    /// <summary>Permanent numeric scenes run from 1 to 100 000.</summary>
    public const int MaxPermanentSceneId = 100_000;

    /// <summary>A string scene is 1 to 64 characters.</summary>
    public const int MaxSceneStrLength = 64;

    /// <summary>Seconds a temporary code lives; absent on a permanent one.</summary>
    [JsonPropertyName("expire_seconds")]
    public int? ExpireSeconds { get; init; }

    [JsonPropertyName("action_name")]
    public string ActionName { get; init; } = "";

    /// <summary>The scene sits inside <c>action_info.scene</c>; leaving out that level gives every scan scene 0.</summary>
    [JsonPropertyName("action_info")]
    public QrActionInfo ActionInfo { get; init; } = new();

    [JsonIgnore]
    public bool IsPermanent => ActionName is PermanentNumeric or PermanentString;

    /// <summary>A temporary code with a positive 32-bit scene.</summary>
    public static QrCodeRequest Temporary(int sceneId, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sceneId);
        return new() { ExpireSeconds = Seconds(lifetime), ActionName = TemporaryNumeric, ActionInfo = new() { Scene = new() { SceneId = sceneId } } };
    }

    public static QrCodeRequest Temporary(string scene, TimeSpan lifetime) =>
        new() { ExpireSeconds = Seconds(lifetime), ActionName = TemporaryString, ActionInfo = new() { Scene = new() { SceneStr = Checked(scene) } } };

    public static QrCodeRequest Permanent(int sceneId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sceneId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sceneId, MaxPermanentSceneId);
        return new() { ActionName = PermanentNumeric, ActionInfo = new() { Scene = new() { SceneId = sceneId } } };
    }

    public static QrCodeRequest Permanent(string scene) =>
        new() { ActionName = PermanentString, ActionInfo = new() { Scene = new() { SceneStr = Checked(scene) } } };

    private static int Seconds(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaxLifetime);
        return (int)lifetime.TotalSeconds;
    }

    private static string Checked(string scene)
    {
        ArgumentException.ThrowIfNullOrEmpty(scene);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scene.Length, MaxSceneStrLength);
        return scene;
    }
}

public sealed record QrActionInfo
{
    [JsonPropertyName("scene")]
    public QrScene Scene { get; init; } = new();
}

/// <summary>One of the two is set, as the action name says.</summary>
public sealed record QrScene
{
    [JsonPropertyName("scene_id")]
    public long? SceneId { get; init; }

    [JsonPropertyName("scene_str")]
    public string? SceneStr { get; init; }
}

/// <summary>
/// The platform's answer: the ticket that shows the image, the code's lifetime (temporary codes only) and
/// the address the QR code encodes.
/// </summary>
public sealed record QrCodeTicket(string Ticket, int? ExpireSeconds, string Url);
