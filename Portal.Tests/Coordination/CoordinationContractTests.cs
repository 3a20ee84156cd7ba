using Portal.Core.Coordination;

namespace Portal.Tests.Coordination;

/// <summary>
/// What every coordination store must do. The same tests run against Redis and the in-process store,
/// so the single-machine default and a cluster behave alike.
/// </summary>
public abstract class CoordinationContractTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    /// <summary>The store as one instance sees it.</summary>
    protected abstract ICoordinationStore Store { get; }

    /// <summary>The same store as seen from another instance (another connection where there is one).</summary>
    protected abstract ICoordinationStore OtherInstance { get; }

    /// <summary>The clock the store's lifetimes run on, as Portal's code would be given it.</summary>
    protected abstract TimeProvider Time { get; }

    /// <summary>A lifetime the tests let run out; long enough that the steps before it never outlast it.</summary>
    protected abstract TimeSpan Short { get; }

    /// <summary>Lets <paramref name="span"/> of the store's time pass.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan span);

    /// <summary>Lets every <see cref="Short"/> lifetime set so far run out, with half of it again to spare.</summary>
    private Task LetShortLifetimesRunOutAsync() => LetTimePassAsync(Short + Short / 2);

    /// <summary>Lets the store's time pass in small steps until <paramref name="task"/> ends (at most a minute of it).</summary>
    private async Task<T> AsTimePassesAsync<T>(Task<T> task)
    {
        for (var waited = TimeSpan.Zero; !task.IsCompleted && waited < TimeSpan.FromMinutes(1); waited += TimeSpan.FromMilliseconds(50))
            await LetTimePassAsync(TimeSpan.FromMilliseconds(50));
        Assert.True(task.IsCompleted, "still waiting after a minute of the store's time");
        return await task;
    }

    private static string Key() => "k:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Only_the_first_claim_of_a_key_wins()
    {
        var key = Key();
        Assert.True(await Store.TryClaimAsync(key, "first", Long));
        Assert.False(await Store.TryClaimAsync(key, "second", Long));
        Assert.False(await OtherInstance.TryClaimAsync(key, "third", Long));
        Assert.Equal("first", await OtherInstance.GetAsync(key));
    }

    [Fact]
    public async Task A_claim_can_be_made_again_once_it_expires()
    {
        var key = Key();
        Assert.True(await Store.TryClaimAsync(key, "first", Short));
        await LetShortLifetimesRunOutAsync();
        Assert.Null(await Store.GetAsync(key));
        Assert.True(await OtherInstance.TryClaimAsync(key, "second", Long));
        Assert.Equal("second", await Store.GetAsync(key));
    }

    [Fact]
    public async Task Many_concurrent_claimers_of_one_key_produce_exactly_one_winner()
    {
        var key = Key();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var store = i % 2 == 0 ? Store : OtherInstance;
            return await store.TryClaimAsync(key, $"claimer-{i}", Long) ? i : -1;
        })).ToArray();
        start.SetResult();
        var winners = (await Task.WhenAll(claims)).Where(i => i >= 0).ToArray();

        var winner = Assert.Single(winners);
        Assert.Equal($"claimer-{winner}", await Store.GetAsync(key));
    }

    [Fact]
    public async Task Claim_or_read_wins_a_free_key_and_otherwise_reads_who_holds_it()
    {
        var key = Key();
        var first = await Store.ClaimOrReadAsync(key, "first", Long);
        Assert.True(first.Won);
        Assert.True(first.RemembersSince <= Time.GetUtcNow());

        var second = await OtherInstance.ClaimOrReadAsync(key, "second", Long);
        Assert.False(second.Won);
        Assert.Equal("first", second.Existing);
        Assert.Equal("first", await Store.GetAsync(key));
    }

    [Fact]
    public async Task Claim_or_read_says_the_store_remembers_from_before_the_claim()
    {
        // Claims made one after the other see the same (or an earlier) memory: nothing was forgotten between them.
        var one = await Store.ClaimOrReadAsync(Key(), "a", Long);
        var two = await OtherInstance.ClaimOrReadAsync(Key(), "b", Long);
        Assert.True(one.Won && two.Won);
        Assert.True(two.RemembersSince <= one.RemembersSince.AddMilliseconds(1), $"{two.RemembersSince:O} after {one.RemembersSince:O}");
    }

    [Fact]
    public async Task A_stored_value_is_read_back_until_it_expires()
    {
        var key = Key();
        await Store.SetAsync(key, "one", Short);
        Assert.Equal("one", await OtherInstance.GetAsync(key));
        await Store.SetAsync(key, "two", Short); // set overwrites
        Assert.Equal("two", await OtherInstance.GetAsync(key));
        await LetShortLifetimesRunOutAsync();
        Assert.Null(await OtherInstance.GetAsync(key));
    }

    [Fact]
    public async Task Compare_and_delete_removes_only_the_expected_value()
    {
        var key = Key();
        await Store.SetAsync(key, "mine", Long);
        Assert.False(await OtherInstance.DeleteIfEqualsAsync(key, "theirs"));
        Assert.Equal("mine", await Store.GetAsync(key));
        Assert.True(await OtherInstance.DeleteIfEqualsAsync(key, "mine"));
        Assert.Null(await Store.GetAsync(key));
        Assert.False(await Store.DeleteIfEqualsAsync(key, "mine"));
    }

    [Fact]
    public async Task Compare_and_replace_changes_only_the_expected_value()
    {
        var key = Key();
        await Store.SetAsync(key, "processing", Long);
        Assert.False(await OtherInstance.ReplaceIfEqualsAsync(key, "other", "done", Long));
        Assert.True(await OtherInstance.ReplaceIfEqualsAsync(key, "processing", "done", Short));
        Assert.Equal("done", await Store.GetAsync(key));
        await LetShortLifetimesRunOutAsync(); // the replacement carries its own lifetime
        Assert.Null(await Store.GetAsync(key));
    }

    [Fact]
    public async Task Leases_exclude_other_holders_until_released()
    {
        var key = Key();
        var lease = await Store.TryAcquireLeaseAsync(key, Long, Time);
        Assert.NotNull(lease);
        Assert.Null(await OtherInstance.TryAcquireLeaseAsync(key, Long, Time));

        Assert.True(await Store.ReleaseAsync(lease));
        Assert.NotNull(await OtherInstance.TryAcquireLeaseAsync(key, Long, Time));
    }

    [Fact]
    public async Task Only_the_owner_can_release_a_lease()
    {
        var key = Key();
        var lease = (await Store.TryAcquireLeaseAsync(key, Long, Time))!;
        var forged = lease with { OwnerToken = "someone-else" };

        Assert.False(await OtherInstance.ReleaseAsync(forged));
        Assert.Null(await OtherInstance.TryAcquireLeaseAsync(key, Long, Time));
        Assert.True(await Store.ReleaseAsync(lease));
    }

    [Fact]
    public async Task A_holder_whose_lease_expired_cannot_release_the_next_holders_lease()
    {
        var key = Key();
        var stale = (await Store.TryAcquireLeaseAsync(key, Short, Time))!;
        await LetShortLifetimesRunOutAsync();
        var next = await OtherInstance.TryAcquireLeaseAsync(key, Long, Time);
        Assert.NotNull(next);

        Assert.False(await Store.ReleaseAsync(stale));
        Assert.Null(await Store.TryAcquireLeaseAsync(key, Long, Time));
    }

    [Fact]
    public async Task A_waiting_acquirer_gets_the_lease_when_the_holder_releases_it()
    {
        var key = Key();
        var held = (await Store.TryAcquireLeaseAsync(key, Long, Time))!;
        var waiting = OtherInstance.AcquireLeaseAsync(key, Long, TimeSpan.FromSeconds(30), Time);
        await LetTimePassAsync(TimeSpan.FromMilliseconds(500)); // several of its attempts, all refused
        Assert.False(waiting.IsCompleted);

        await Store.ReleaseAsync(held);
        Assert.NotNull(await AsTimePassesAsync(waiting));
    }

    [Fact]
    public async Task A_waiting_acquirer_gives_up_when_its_wait_runs_out()
    {
        var key = Key();
        await Store.TryAcquireLeaseAsync(key, Long, Time);
        Assert.Null(await AsTimePassesAsync(OtherInstance.AcquireLeaseAsync(key, Long, TimeSpan.FromMilliseconds(150), Time)));
    }

    [Fact]
    public async Task A_key_without_a_lifetime_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetAsync(Key(), "v", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.TryClaimAsync(Key(), "v", TimeSpan.FromTicks(1)));
    }
}
