// Each test class owns its data (its own database, its own Redis prefix), so classes run in parallel.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 4)]
