using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Portal.Core.Coordination;

namespace Portal.Core.Operators;

/// <summary>
/// Limits password guessing without letting anyone lock an operator out by name. Attempts are counted in
/// the coordination store (Redis when several instances run), in fixed windows of
/// <see cref="OperatorLockout.Duration"/>, three ways:
/// <list type="bullet">
/// <item>per name and source address: past <see cref="OperatorLockout.MaxFailedAttempts"/> that pair is refused,
/// so guesses from one address stop there while the operator signs in from their own;</item>
/// <item>per address across names: past <see cref="PerAddress"/> the address is refused, so one address cannot
/// try a few passwords on many names;</item>
/// <item>per name across addresses: past <see cref="PerNameBeforeSlowing"/> every attempt on that name is slowed
/// (never refused), so many addresses together guess slowly while the real operator still gets in.</item>
/// </list>
/// Every attempt is counted before its password is checked, so parallel guesses cannot slip in between a check
/// and the count; a right password gives its attempt back. Names unknown and known are counted alike.
/// </summary>
public sealed class SignInThrottle(ICoordinationStore store, TimeProvider time)
{
    public const int PerAddress = 20;
    public const int PerNameBeforeSlowing = 10;

    /// <summary>The most an attempt is slowed: enough to make guessing slow, short enough for a person.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private static TimeSpan Window => OperatorLockout.Duration;

    // Both stores refuse a lifetime under a millisecond: a counter that close to its end counts as ended.
    private static readonly TimeSpan MinimumLife = TimeSpan.FromMilliseconds(1);

    /// <summary>Counts an attempt; says whether its password may be checked, and how long to wait first.</summary>
    public async Task<SignInPermit> BeginAsync(string name, IPAddress? address, CancellationToken ct = default)
    {
        var (pairKey, addressKey, nameKey) = Keys(name, address);
        var pair = await IncrementAsync(pairKey, ct).ConfigureAwait(false);
        var fromAddress = await IncrementAsync(addressKey, ct).ConfigureAwait(false);
        var onName = await IncrementAsync(nameKey, ct).ConfigureAwait(false);
        var excess = onName - PerNameBeforeSlowing;
        var delay = excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(excess, MaxDelay.TotalSeconds));
        return new SignInPermit(pair <= OperatorLockout.MaxFailedAttempts && fromAddress <= PerAddress, delay, pair == OperatorLockout.MaxFailedAttempts);
    }

    /// <summary>A right password: the pair starts afresh and the attempt is given back to the address and the name.</summary>
    public async Task SucceededAsync(string name, IPAddress? address, CancellationToken ct = default)
    {
        var (pairKey, addressKey, nameKey) = Keys(name, address);
        await ForgetAsync(pairKey, ct).ConfigureAwait(false);
        await DecrementAsync(addressKey, ct).ConfigureAwait(false);
        await DecrementAsync(nameKey, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The address attempts are counted for. IPv6 by its /64: one subscriber usually holds a whole /64, and
    /// counting single addresses would give them billions of fresh starts.
    /// </summary>
    public static string Source(IPAddress? address)
    {
        if (address is null)
            return "none";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    // Hashed: names and addresses of people signing in do not belong in the store's keys in clear.
    private static (string Pair, string Address, string Name) Keys(string name, IPAddress? address)
    {
        var normalized = OperatorNames.Normalize(name);
        var source = Source(address);
        return ($"signin:pair:{Hash(normalized + "\n" + source)}", $"signin:address:{Hash(source)}", $"signin:name:{Hash(normalized)}");
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    // A counter is "count|end of window (unix ms)"; the store's own expiry removes it when the window ends.
    // Built from compare-and-replace so it holds on both stores and across instances.
    private async Task<int> IncrementAsync(string key, CancellationToken ct)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var current = await store.GetAsync(key, ct).ConfigureAwait(false);
            if (current is null || Parse(current) is not { } counter || counter.End - now < MinimumLife)
            {
                if (current is not null)
                    await store.DeleteIfEqualsAsync(key, current, ct).ConfigureAwait(false);
                if (await store.TryClaimAsync(key, Format(1, now + Window), Window, ct).ConfigureAwait(false))
                    return 1;
                continue;
            }
            if (await store.ReplaceIfEqualsAsync(key, current, Format(counter.Count + 1, counter.End), counter.End - now, ct).ConfigureAwait(false))
                return counter.Count + 1;
        }
    }

    private async Task DecrementAsync(string key, CancellationToken ct)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var current = await store.GetAsync(key, ct).ConfigureAwait(false);
            if (current is null || Parse(current) is not { } counter || counter.End - now < MinimumLife)
                return;
            var done = counter.Count <= 1
                ? await store.DeleteIfEqualsAsync(key, current, ct).ConfigureAwait(false)
                : await store.ReplaceIfEqualsAsync(key, current, Format(counter.Count - 1, counter.End), counter.End - now, ct).ConfigureAwait(false);
            if (done)
                return;
        }
    }

    private async Task ForgetAsync(string key, CancellationToken ct)
    {
        if (await store.GetAsync(key, ct).ConfigureAwait(false) is { } current)
            await store.DeleteIfEqualsAsync(key, current, ct).ConfigureAwait(false);
    }

    private static string Format(int count, DateTimeOffset end) =>
        string.Create(CultureInfo.InvariantCulture, $"{count}|{end.ToUnixTimeMilliseconds()}");

    private static (int Count, DateTimeOffset End)? Parse(string value) =>
        value.Split('|') is [var count, var end]
        && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? (n, DateTimeOffset.FromUnixTimeMilliseconds(ms))
            : null;
}

/// <summary>What the throttle allows an attempt.</summary>
/// <param name="MayCheck">False: refuse without looking at the password (the answer must still look the same).</param>
/// <param name="Delay">How long to wait before answering: guesses on one name from many addresses slow down.</param>
/// <param name="ReachesLimit">This attempt is the last one the pair gets in this window (owners are told if it fails).</param>
public sealed record SignInPermit(bool MayCheck, TimeSpan Delay, bool ReachesLimit);
