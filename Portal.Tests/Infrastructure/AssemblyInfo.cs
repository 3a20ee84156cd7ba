using System.Runtime.CompilerServices;

// Each test class owns its data (its own database, its own Redis prefix), so classes run in parallel.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 4)]

namespace Portal.Tests.Infrastructure;

internal static class TestHostSetup
{
    /// <summary>
    /// WebApplicationFactory starts each app synchronously on a thread-pool thread, and several apps start
    /// at once when classes run in parallel. On a two-core machine the pool begins with two threads and
    /// adds about one a second, so those blocked starts can hold every request in the process up for tens
    /// of seconds. A larger floor keeps test timing about the code under test.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseThreadPoolFloor() => ThreadPool.SetMinThreads(64, 64);
}
