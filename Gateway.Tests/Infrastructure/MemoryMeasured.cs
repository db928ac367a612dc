namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's allocations: they run alone, after the parallel ones, so other tests' allocations
/// do not count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasured
{
    public const string Name = "memory measured";
}
