using Microsoft.Extensions.Time.Testing;
using Portal.Core.Coordination;

namespace Portal.Tests.Coordination;

public sealed class InProcessCoordinationStoreTests : CoordinationContractTests, IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly InProcessCoordinationStore _store;

    public InProcessCoordinationStoreTests() => _store = new(_time);

    // In one process there is no other instance: both views are the same store.
    protected override ICoordinationStore Store => _store;

    protected override ICoordinationStore OtherInstance => _store;

    // The store's lifetimes run on the clock it is given: the contract's lifetimes run out as the test moves it.
    protected override TimeProvider Time => _time;

    protected override TimeSpan Short => TimeSpan.FromSeconds(2);

    protected override async Task LetTimePassAsync(TimeSpan span)
    {
        _time.Advance(span);
        // Lets a lease waiter whose pause just ended make its next attempt.
        await Task.Yield();
    }

    [Fact]
    public async Task Expired_entries_are_swept_so_memory_does_not_grow()
    {
        var time = new FakeTimeProvider();
        using var store = new InProcessCoordinationStore(time);
        for (var i = 0; i < 100; i++)
            await store.SetAsync($"k{i}", "v", TimeSpan.FromSeconds(30));
        Assert.Equal(100, store.Count);

        time.Advance(TimeSpan.FromMinutes(1)); // fires the minute sweeper
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Values_across_many_chunks_come_back_exactly()
    {
        using var store = new InProcessCoordinationStore(TimeProvider.System);
        var values = Enumerable.Range(0, 3000).Select(i => $"d:<xml><Content><![CDATA[reply {i} {new string('x', i % 700)} 回复]]></Content></xml>").ToList();
        values.Add(new string('L', TextSlab.ChunkChars)); // larger than any shared chunk holds
        for (var i = 0; i < values.Count; i++)
            await store.SetAsync($"k{i}", values[i], TimeSpan.FromMinutes(5));

        Assert.True(store.ValueChunks > 3);
        for (var i = 0; i < values.Count; i++)
            Assert.Equal(values[i], await store.GetAsync($"k{i}"));
        Assert.True(await store.ReplaceIfEqualsAsync("k7", values[7], "d:new", TimeSpan.FromMinutes(5)));
        Assert.False(await store.ReplaceIfEqualsAsync("k8", values[7], "d:new", TimeSpan.FromMinutes(5)));
        Assert.Equal("d:new", await store.GetAsync("k7"));
    }

    [Fact]
    public async Task Chunks_of_expired_values_are_reused_so_memory_stays_flat()
    {
        var time = new FakeTimeProvider();
        using var store = new InProcessCoordinationStore(time);
        var reply = "d:" + new string('r', 1000);
        var peak = 0;
        for (var minute = 0; minute < 10; minute++)
        {
            for (var i = 0; i < 2000; i++)
                await store.SetAsync($"m{minute}:{i}", reply, TimeSpan.FromSeconds(30));
            peak = Math.Max(peak, store.ValueChunks);
            time.Advance(TimeSpan.FromMinutes(1)); // everything set so far expires and is swept
        }

        // Each minute's 2 MB of replies needs about eight chunks; ten minutes of them must not need eighty.
        Assert.InRange(peak, 7, 12);
        Assert.Equal(0, store.Count);
        Assert.Equal(1, store.ValueChunks);
    }

    [Fact]
    public async Task A_retry_storm_on_a_held_key_leaves_no_text_behind()
    {
        // WeChat retries arrive while the first delivery holds its claim: each losing claim brought a value that
        // must not stay in the store. 20,000 losers of 200 characters would fill about sixteen chunks.
        using var store = new InProcessCoordinationStore(TimeProvider.System);
        Assert.True(await store.TryClaimAsync("msg", "owner", TimeSpan.FromMinutes(1)));
        for (var i = 0; i < 20_000; i++)
            Assert.False(await store.TryClaimAsync("msg", new string('t', 200), TimeSpan.FromMinutes(1)));

        // The chunk holding the claim, and the one being filled.
        Assert.InRange(store.ValueChunks, 1, 2);
        Assert.True(await store.ReplaceIfEqualsAsync("msg", "owner", "d:reply", TimeSpan.FromMinutes(5)));
        Assert.Equal("d:reply", await store.GetAsync("msg"));
    }

    [Fact]
    public async Task An_expired_claim_is_taken_over_and_its_old_value_let_go()
    {
        var time = new FakeTimeProvider();
        using var store = new InProcessCoordinationStore(time);
        var big = new string('o', TextSlab.ChunkChars); // a value with an array of its own, counted as a chunk
        Assert.True(await store.TryClaimAsync("msg", big, TimeSpan.FromSeconds(10)));
        Assert.Equal(2, store.ValueChunks);

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await store.TryClaimAsync("msg", "second", TimeSpan.FromSeconds(10)));
        Assert.Equal(1, store.ValueChunks);
        Assert.False(await store.ReplaceIfEqualsAsync("msg", big, "d:late", TimeSpan.FromMinutes(5)));
        Assert.True(await store.ReplaceIfEqualsAsync("msg", "second", "d:reply", TimeSpan.FromMinutes(5)));
        Assert.Equal("d:reply", await store.GetAsync("msg"));
    }

    public void Dispose() => _store.Dispose();
}
