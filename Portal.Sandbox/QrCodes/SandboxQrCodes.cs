using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.QrCodes.PlatformQrCodeRules;

namespace Portal.Sandbox.QrCodes;

/// <summary>
/// The parameter QR codes the sandbox platform has issued for one account, so the phone page can let a follower scan one
/// and the image endpoint can draw it
/// (https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html).
/// Codes are kept in the data folder through <see cref="SandboxMemory"/>: a poster printed last week still scans.
/// </summary>
public sealed class SandboxQrCodes
{
    /// <summary>What a temporary code lives when the request gives no lifetime, per the page above.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, SandboxQrCode> _byTicket = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<SandboxQrCode> _inOrder = [];
    private readonly TimeProvider _time;
    private readonly SandboxMemory? _state;

    public SandboxQrCodes(TimeProvider time, SandboxMemory? state = null)
    {
        _time = time;
        _state = state;
        foreach (var code in state?.Keep("qrCodes", All) ?? [])
        {
            if (_byTicket.TryAdd(code.Ticket, code))
                _inOrder.Add(code);
        }
    }

    /// <summary>Every code issued, expired ones included, oldest first.</summary>
    public IReadOnlyList<SandboxQrCode> All()
    {
        lock (_gate)
            return [.. _inOrder];
    }

    /// <summary>The code a ticket shows, expired or not; null for a ticket the sandbox never issued.</summary>
    public SandboxQrCode? Find(string? ticket) => ticket is null ? null : _byTicket.GetValueOrDefault(ticket);

    public bool IsExpired(SandboxQrCode code) => code.ExpiresAt is { } at && at <= _time.GetUtcNow();

    /// <summary>
    /// qrcode/create: 0 and the code, else 47001 for a request outside the platform's limits. A temporary
    /// code asked to live past 30 days lives 30 days, as the platform caps it. A permanent code asked for
    /// again with the same scene is the same code.
    /// </summary>
    public (int Code, SandboxQrCode? QrCode) Create(PlatformQrCodeRequest request)
    {
        var scene = request.ActionInfo?.Scene;
        var numeric = request.ActionName is TemporaryNumeric or PermanentNumeric;
        var valid = request.ActionName switch
        {
            TemporaryNumeric => scene?.SceneId is > 0 and <= uint.MaxValue,
            PermanentNumeric => scene?.SceneId is > 0 and <= MaxPermanentSceneId,
            TemporaryString or PermanentString => scene?.SceneStr is { Length: > 0 and <= MaxSceneStrLength },
            _ => false,
        };
        if (!valid || request.ExpireSeconds is <= 0)
            return (PlatformErrors.DataFormat, null);
        var sceneText = numeric ? scene!.SceneId!.Value.ToString(CultureInfo.InvariantCulture) : scene!.SceneStr!;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (request.IsPermanent && _inOrder.FirstOrDefault(c => c.ActionName == request.ActionName && c.Scene == sceneText) is { } existing)
                return (0, existing);
            DateTimeOffset? expiresAt = null;
            if (!request.IsPermanent)
            {
                var lifetime = request.ExpireSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
                expiresAt = now + (lifetime < MaxLifetime ? lifetime : MaxLifetime);
            }
            // Real tickets are base64 and hold '+', '/' and '=', which is why the image URL must escape them.
            var code = new SandboxQrCode(
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), request.ActionName!, sceneText, now, expiresAt,
                "http://weixin.qq.com/q/" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 22));
            _byTicket[code.Ticket] = code;
            _inOrder.Add(code);
            _state?.Changed();
            return (0, code);
        }
    }
}

/// <summary>One issued QR code. <see cref="Scene"/> is the scene id or string as the scan event's key carries it.</summary>
public sealed record SandboxQrCode(string Ticket, string ActionName, string Scene, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Url)
{
    public bool IsPermanent => ExpiresAt is null;

    public bool IsNumeric => ActionName is TemporaryNumeric or PermanentNumeric;
}
