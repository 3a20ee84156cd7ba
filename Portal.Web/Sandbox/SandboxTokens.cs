using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox platform's access tokens, with the real platform's rules: a token lasts two hours;
/// <c>stable_token</c> in normal mode hands back the token in force and mints one only when none is, or in
/// the token's last minutes;
/// a forced refresh or the classic <c>/cgi-bin/token</c> mints a new one, and the one before stays valid
/// for five more minutes.
/// </summary>
public sealed class SandboxTokens(TimeProvider time, Microsoft.Extensions.Options.IOptions<SandboxOptions> options)
{
    private TimeSpan Lifetime => options.Value.TokenLifetime;
    private static readonly TimeSpan GraceAfterReplacement = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string? _current;
    private int _minted;
    private int _requests;

    /// <summary>How many tokens the sandbox has minted.</summary>
    public int Minted => Volatile.Read(ref _minted);

    /// <summary>How many times a token was asked for: what a test counts to see how often Portal refreshed.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public (string Token, int ExpiresIn) Stable(bool forceRefresh)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            // Like the platform, normal mode renews the token by itself only in its last minutes.
            var renewWithin = Lifetime / 4 < TimeSpan.FromMinutes(5) ? Lifetime / 4 : TimeSpan.FromMinutes(5);
            if (!forceRefresh && _current is not null && _expiry.TryGetValue(_current, out var until) && until - now > renewWithin)
                return (_current, (int)(until - now).TotalSeconds);
            return (Mint(now), (int)Lifetime.TotalSeconds);
        }
    }

    public (string Token, int ExpiresIn) Classic()
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
            return (Mint(time.GetUtcNow()), (int)Lifetime.TotalSeconds);
    }

    /// <summary>0 when the token works, else the platform's code for why not.</summary>
    public int Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return 41001; // access_token missing
        if (!_expiry.TryGetValue(token, out var until))
            return 40001;
        return until > time.GetUtcNow() ? 0 : 42001;
    }

    /// <summary>Makes every token stop working at once, as when another system holding the AppSecret forces a refresh.</summary>
    public void RevokeAll()
    {
        lock (_gate)
        {
            _expiry.Clear();
            _current = null;
        }
    }

    private string Mint(DateTimeOffset now)
    {
        if (_current is not null && _expiry.TryGetValue(_current, out var old))
            _expiry[_current] = old < now + GraceAfterReplacement ? old : now + GraceAfterReplacement;
        _current = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _expiry[_current] = now + Lifetime;
        Interlocked.Increment(ref _minted);
        return _current;
    }
}
