using System.Globalization;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The garbage collections of each generation between two points of a benchmark round. A full (gen 2) collection per
/// round is what a large-object-heap array per page made of a pull with 20 extra fields (issue 18), so the rows name them.
/// </summary>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2)
{
    public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static GcCounts operator -(GcCounts after, GcCounts before) => new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);

    /// <summary>"GCs per round (gen 0/1/2, most in a round): 5/3/0".</summary>
    public static string Describe(IEnumerable<GcCounts> rounds)
    {
        var list = rounds.ToList();
        return list.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; GCs per round (gen 0/1/2, most in a round): {list.Max(r => r.Gen0)}/{list.Max(r => r.Gen1)}/{list.Max(r => r.Gen2)}");
    }
}
