using System.Net;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Coordination;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operators;

/// <summary>
/// The sign-in throttle's counts, on the in-process store and on Redis shared by two instances: a pair of
/// name and address stops at the limit even under parallel guesses, an address stops across names, and a
/// name guessed from many addresses is slowed, never locked.
/// </summary>
public abstract class SignInThrottleTests
{
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The throttle as one instance sees it; <paramref name="instance"/> picks another instance on the same state.</summary>
    protected abstract SignInThrottle Throttle(int instance = 0);

    private static IPAddress Address(int i) => IPAddress.Parse($"198.51.100.{i}");

    private static string Name() => "op-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Parallel_guesses_from_one_address_get_no_more_checks_than_the_limit_on_any_instance()
    {
        var name = Name();
        var permits = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Throttle(i % 2).BeginAsync(name, Address(7)))));

        Assert.Equal(OperatorLockout.MaxFailedAttempts, permits.Count(p => p.MayCheck));
        Assert.Single(permits, p => p.ReachesLimit);
        Assert.True((await Throttle(1).BeginAsync(name, Address(8))).MayCheck);   // another address is not touched
    }

    [Fact]
    public async Task The_window_ends_and_the_count_starts_afresh()
    {
        var name = Name();
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts; i++)
            await Throttle().BeginAsync(name, Address(1));
        Assert.False((await Throttle(1).BeginAsync(name, Address(1))).MayCheck);

        Clock.Advance(OperatorLockout.Duration);

        Assert.True((await Throttle().BeginAsync(name, Address(1))).MayCheck);
    }

    [Fact]
    public async Task A_name_guessed_from_many_addresses_is_slowed_but_never_locked()
    {
        var name = Name();
        var permits = new List<SignInPermit>();
        for (var i = 0; i < SignInThrottle.PerNameBeforeSlowing + 10; i++)
            permits.Add(await Throttle(i % 2).BeginAsync(name, Address(i + 1)));

        Assert.All(permits, p => Assert.True(p.MayCheck));
        Assert.All(permits.Take(SignInThrottle.PerNameBeforeSlowing), p => Assert.Equal(TimeSpan.Zero, p.Delay));
        Assert.Equal(TimeSpan.FromSeconds(1), permits[SignInThrottle.PerNameBeforeSlowing].Delay);
        Assert.Equal(SignInThrottle.MaxDelay, permits[^1].Delay);
    }

    [Fact]
    public async Task One_address_is_stopped_across_names()
    {
        for (var i = 0; i < SignInThrottle.PerAddress; i++)
            Assert.True((await Throttle().BeginAsync(Name(), Address(200))).MayCheck);

        Assert.False((await Throttle(1).BeginAsync(Name(), Address(200))).MayCheck);
    }

    [Fact]
    public async Task A_right_password_gives_the_pair_a_fresh_start()
    {
        var name = Name();
        for (var i = 0; i < OperatorLockout.MaxFailedAttempts - 1; i++)
            await Throttle().BeginAsync(name, Address(3));
        await Throttle(1).SucceededAsync(name, Address(3));

        for (var i = 0; i < OperatorLockout.MaxFailedAttempts; i++)
            Assert.True((await Throttle().BeginAsync(name, Address(3))).MayCheck);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64")]
    [InlineData("::ffff:198.51.100.4", "198.51.100.4")]
    [InlineData("198.51.100.4", "198.51.100.4")]
    public void Ipv6_addresses_count_by_their_64_bit_prefix(string address, string counted) =>
        Assert.Equal(counted, SignInThrottle.Source(IPAddress.Parse(address)));
}

public sealed class InProcessSignInThrottleTests : SignInThrottleTests, IDisposable
{
    private readonly InProcessCoordinationStore _store;

    public InProcessSignInThrottleTests() => _store = new InProcessCoordinationStore(Clock);

    protected override SignInThrottle Throttle(int instance = 0) => new(_store, Clock);

    public void Dispose() => _store.Dispose();
}

public sealed class RedisSignInThrottleTests : SignInThrottleTests, IAsyncLifetime
{
    private readonly RedisTestServer _redis = new();
    private RedisCoordinationStore[] _instances = [];

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _instances = [new RedisCoordinationStore(_redis.NewConnection(), TimeProvider.System), new RedisCoordinationStore(_redis.NewConnection(), TimeProvider.System)];
    }

    public Task DisposeAsync() => _redis.DisposeAsync();

    protected override SignInThrottle Throttle(int instance = 0) => new(_instances[instance], Clock);
}
