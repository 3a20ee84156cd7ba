using Microsoft.Extensions.Time.Testing;
using Portal.Core.Coordination;

namespace Portal.Tests.Coordination;

public sealed class InProcessCoordinationStoreTests : CoordinationContractTests, IDisposable
{
    private readonly InProcessCoordinationStore _store = new(TimeProvider.System);

    // In one process there is no other instance: both views are the same store.
    protected override ICoordinationStore Store => _store;

    protected override ICoordinationStore OtherInstance => _store;

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

    public void Dispose() => _store.Dispose();
}
