using System.Globalization;
using LeadSync.Tests.Core.Sync.Model;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// Issue 12, "prove it": random interleavings of local and Zoho creates, edits and deletes (console, REST API, bulk
/// push; a Zoho user on the sandbox), pulls, drains, webhooks, fault windows, token expiry and restarts, run against the
/// real engine and sandbox and checked at quiescence against a reference model (<see cref="ModelChecker"/>).
/// A failure prints the smallest failing sequence CsCheck found, what ran, and the final state of both sides.
/// <c>LEADSYNC_MODEL_SEQUENCES</c> changes how many sequences run, <c>LEADSYNC_MODEL_THREADS</c> on how many apps at once,
/// <c>LEADSYNC_MODEL_SEED</c> replays one (the seed CsCheck prints), and <c>LEADSYNC_MODEL_COLLECT=1</c> runs every
/// sequence without shrinking and prints every failure; <c>LEADSYNC_MODEL_EXCLUDE=ZohoEmailCase,LocalEmailCase</c> leaves
/// operation kinds out (<see cref="ModelOpKind"/>), to look past one known failure at the next.
/// </summary>
[Collection(ModelCheck.Name)]
public sealed class ModelCheckedSyncTests
{
    /// <summary>
    /// About 35 s alone on this 2-core machine when every sequence passes (7–8 sequences/s on two apps; measured with the
    /// two known engine bugs patched out), about twice that beside the rest of <c>./test.sh</c>.
    /// </summary>
    private const int Sequences = 250;

    /// <summary>Two apps at once: a sequence mostly waits on HTTP and SQLite, so two keep both cores busy.</summary>
    private const int Threads = 2;

    [Fact]
    public async Task Random_interleavings_of_edits_on_both_sides_converge_without_losing_or_inventing_writes()
    {
        var iterations = Environment.GetEnvironmentVariable("LEADSYNC_MODEL_SEQUENCES") is { Length: > 0 } n
            ? long.Parse(n, CultureInfo.InvariantCulture)
            : Sequences;
        var seed = Environment.GetEnvironmentVariable("LEADSYNC_MODEL_SEED") is { Length: > 0 } s ? s : null;
        await using var check = new ModelCheckedSync();

        var threads = Environment.GetEnvironmentVariable("LEADSYNC_MODEL_THREADS") is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : Threads;
        var collect = Environment.GetEnvironmentVariable("LEADSYNC_MODEL_COLLECT") == "1";
        var excluded = (Environment.GetEnvironmentVariable("LEADSYNC_MODEL_EXCLUDE") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<ModelOpKind>).ToHashSet();
        await check.SampleAsync(iterations, threads, seed, line => TestContext.Current.TestOutputHelper?.WriteLine(line), collect, excluded);
        foreach (var (sequence, error) in check.Failures.OrderBy(f => f.Sequence.Ops.Count))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"FAILED: {sequence}\n{error.Message}\n");
        }

        Assert.True(check.Failures.IsEmpty, $"{check.Failures.Count} of {check.Executed} sequences broke an invariant (printed above).");
    }
}
