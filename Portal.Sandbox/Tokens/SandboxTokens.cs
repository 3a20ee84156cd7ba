using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Tokens;

/// <summary>
/// The sandbox platform's access tokens, with the real platform's rules: a token belongs to one account and
/// lasts two hours; <c>stable_token</c> in normal mode hands back the account's token in force and mints one
/// only when none is, or in the token's last minutes; a forced refresh or the classic <c>/cgi-bin/token</c>
/// mints a new one, and the one before stays valid for five more minutes. A token identifies its account:
/// every endpoint serves the account the token was minted for, so one account's token never reaches another's
/// followers or menus.
/// </summary>
public sealed class SandboxTokens(TimeProvider time, IOptions<SandboxOptions> options)
{
    private TimeSpan Lifetime => options.Value.TokenLifetime;
    private static readonly TimeSpan GraceAfterReplacement = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string AppId, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _minted;
    private int _requests;

    /// <summary>How many tokens the sandbox has minted, for every account.</summary>
    public int Minted => Volatile.Read(ref _minted);

    /// <summary>How many times a token was asked for: what a test counts to see how often Portal refreshed.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public (string Token, int ExpiresIn) Stable(string appId, bool forceRefresh)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            // Like the platform, normal mode renews the token by itself only in its last minutes.
            var renewWithin = Lifetime / 4 < TimeSpan.FromMinutes(5) ? Lifetime / 4 : TimeSpan.FromMinutes(5);
            if (!forceRefresh && _current.TryGetValue(appId, out var current) && _tokens.TryGetValue(current, out var held) && held.Until - now > renewWithin)
                return (current, (int)(held.Until - now).TotalSeconds);
            return (Mint(appId, now), (int)Lifetime.TotalSeconds);
        }
    }

    public (string Token, int ExpiresIn) Classic(string appId)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
            return (Mint(appId, time.GetUtcNow()), (int)Lifetime.TotalSeconds);
    }

    /// <summary>0 and the token's account when the token works, else the platform's code for why not.</summary>
    public (int Code, string? AppId) Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return (PlatformErrors.AccessTokenMissing, null);
        if (!_tokens.TryGetValue(token, out var held))
            return (PlatformErrors.InvalidCredential, null);
        return held.Until > time.GetUtcNow() ? (0, held.AppId) : (PlatformErrors.AccessTokenExpired, null);
    }

    /// <summary>Makes every token stop working at once, as when another system holding the AppSecret forces a refresh.</summary>
    internal void RevokeAll()
    {
        lock (_gate)
        {
            _tokens.Clear();
            _current.Clear();
        }
    }

    private string Mint(string appId, DateTimeOffset now)
    {
        if (_current.TryGetValue(appId, out var previous) && _tokens.TryGetValue(previous, out var old))
            _tokens[previous] = old with { Until = old.Until < now + GraceAfterReplacement ? old.Until : now + GraceAfterReplacement };
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = (appId, now + Lifetime);
        _current[appId] = token;
        Interlocked.Increment(ref _minted);
        return token;
    }
}
