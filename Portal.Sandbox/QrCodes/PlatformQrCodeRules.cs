using System.Text.Json.Serialization;

namespace Portal.Sandbox.QrCodes;

/// <summary>
/// The platform's parameter QR codes: the four kinds and their limits
/// (https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html).
/// A request outside them is refused with 47001.
/// </summary>
public static class PlatformQrCodeRules
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
}

/// <summary><c>qrcode/create</c>'s body as the platform reads it.</summary>
public sealed record PlatformQrCodeRequest
{
    [JsonPropertyName("expire_seconds")]
    public int? ExpireSeconds { get; init; }

    [JsonPropertyName("action_name")]
    public string? ActionName { get; init; }

    [JsonPropertyName("action_info")]
    public ActionInfoBody? ActionInfo { get; init; }

    [JsonIgnore]
    public bool IsPermanent => ActionName is PlatformQrCodeRules.PermanentNumeric or PlatformQrCodeRules.PermanentString;

    public sealed record ActionInfoBody([property: JsonPropertyName("scene")] SceneBody? Scene);

    public sealed record SceneBody(
        [property: JsonPropertyName("scene_id")] long? SceneId,
        [property: JsonPropertyName("scene_str")] string? SceneStr);
}
