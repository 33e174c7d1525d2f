using LeadSync.Tests.Browser;
using LeadSync.Tests.Infrastructure;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(LongestFirst))]

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Starts the two collections that run longest first, then every other in xunit's own random order. A collection runs
/// its tests one after another, so the browser collection (70 tests, about ten minutes) is the suite's longest chain:
/// started wherever the random order put it, the other thread ran out of work while it still had minutes to go, and
/// <c>./test.sh</c> then ran on one thread (a clean run on 2026-12-06: the browser collection started 7.5 min in, and
/// for the last 9 of its 17.8 min only it was running).
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] First = [BrowserGroup.Name, ModelCheck.Name];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(c => Rank(c))]; // stable: the rest keep their order

    private static int Rank(ITestCollection collection) =>
        Array.IndexOf(First, collection.TestCollectionDisplayName) is var index and >= 0 ? index : First.Length;
}
