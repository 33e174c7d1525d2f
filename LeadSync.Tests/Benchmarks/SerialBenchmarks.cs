namespace LeadSync.Tests.Benchmarks;

/// <summary>Benchmarks run one at a time (and never beside each other), so they do not skew each other's timings.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialBenchmarks
{
    public const string Name = "Benchmarks";
}
