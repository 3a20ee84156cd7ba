using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Tokens;

/// <summary>
/// One account's jsapi_ticket on the sandbox platform: one in force at a time, lasting as long as an access token, handed
/// back unchanged until it expires.
/// </summary>
public sealed class SandboxTickets(TimeProvider time, IOptions<SandboxOptions> options)
{
    private readonly Lock _gate = new();
    private string? _current;
    private DateTimeOffset _expiresAt;
    private int _requests;

    /// <summary>How many times a ticket was asked for: what a test counts to see how often Portal fetched one.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public (string Ticket, int ExpiresIn) Current()
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_current is null || _expiresAt <= now)
            {
                _current = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                _expiresAt = now + options.Value.TokenLifetime;
            }
            return (_current, (int)(_expiresAt - now).TotalSeconds);
        }
    }
}
