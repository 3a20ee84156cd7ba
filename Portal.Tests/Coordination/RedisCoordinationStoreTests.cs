using Portal.Core.Coordination;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Coordination;

public sealed class RedisCoordinationStoreTests : CoordinationContractTests, IAsyncLifetime
{
    private readonly RedisTestServer _redis = new();
    private RedisCoordinationStore _one = null!;
    private RedisCoordinationStore _two = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        // Two multiplexers: the two views are two Portal instances sharing one Redis.
        _one = new RedisCoordinationStore(_redis.NewConnection(), Time);
        _two = new RedisCoordinationStore(_redis.NewConnection(), Time);
    }

    public Task DisposeAsync() => _redis.DisposeAsync();

    protected override ICoordinationStore Store => _one;

    protected override ICoordinationStore OtherInstance => _two;

    // Redis counts lifetimes down on its own clock, which no test can move: here the contract's lifetimes run out
    // in real time. Two seconds is far more than a step between setting a value and reading it back takes on a
    // busy machine, and Redis drops an entry within a millisecond of its end, so waiting half as long again is
    // ample. (The in-process store runs the same tests on a fake clock, without waiting.)
    protected override TimeProvider Time => TimeProvider.System;

    protected override TimeSpan Short => TimeSpan.FromSeconds(2);

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span);

    [Fact]
    public async Task Every_key_carries_the_prefix_and_a_time_to_live()
    {
        await _one.TryClaimAsync("claim", "v", TimeSpan.FromMinutes(1));
        await _one.SetAsync("value", "v", TimeSpan.FromMinutes(1));
        await _one.SetAsync("replaced", "a", TimeSpan.FromMinutes(1));
        await _one.ReplaceIfEqualsAsync("replaced", "a", "b", TimeSpan.FromMinutes(2));

        var db = _redis.Raw.GetDatabase();
        foreach (var name in new[] { "claim", "value", "replaced" })
        {
            var ttl = await db.KeyTimeToLiveAsync(_redis.KeyPrefix + name);
            Assert.True(ttl is { } t && t > TimeSpan.Zero, $"{name} has no time to live");
        }
        Assert.False(await db.KeyExistsAsync("claim")); // nothing written without the prefix
    }
}
