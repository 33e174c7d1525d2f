using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Conflicts;

/// <summary>The one bulk path for conflicts: by explicit ids (conflicts page), by a selection (leads page) and for all.</summary>
public sealed class ConflictBulkResolverTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ConflictBulkResolver Resolver => ctx.Get<ConflictBulkResolver>();

    [Fact]
    public async Task A_selection_settles_only_its_leads_held_in_conflict_and_reports_progress()
    {
        var held = await ctx.CreateLeadAsync("Held", "held@example.com", company: "H local");
        var other = await ctx.CreateLeadAsync("Other", "other@example.com", company: "O local");
        var outside = await ctx.CreateLeadAsync("Outside", "outside@example.com", company: "X local");
        await ctx.HoldConflictAsync(held.Id, "Company", "H old", "H zoho");
        await ctx.HoldConflictAsync(outside.Id, "Company", "X old", "X zoho");
        var reported = new List<int>();

        var result = await Resolver.ResolveAsync(
            LeadSelection.Explicit([held.Id, other.Id]), ConflictPolicy.ZohoWins, new SynchronousProgress(reported), Token);

        Assert.Equal((1, 0, (string?)null), (result.Resolved, result.Failed, result.FirstError));
        Assert.NotNull(result.LastRunId);
        Assert.Equal([1], reported);
        Assert.Equal("H zoho", (await ctx.Queries.FindAsync(held.Id, Token))!.Company);
        Assert.Equal(SyncState.Conflict, (await ctx.Queries.FindAsync(outside.Id, Token))!.SyncState);
    }

    [Fact]
    public async Task Explicit_ids_report_each_lead_that_cannot_be_settled_and_go_on()
    {
        var held = await ctx.CreateLeadAsync("Held", "held@example.com", company: "H local");
        await ctx.HoldConflictAsync(held.Id, "Company", "H old", "H zoho");
        var missing = Guid.CreateVersion7();

        var result = await Resolver.ResolveAsync([missing, held.Id, held.Id], ConflictPolicy.LocalWins, cancellationToken: Token);

        Assert.Equal((1, 1), (result.Resolved, result.Failed));
        var failure = Assert.Single(result.Failures);
        Assert.Equal((missing, $"Lead {missing} was not found."), (failure.LeadId, failure.Message));
        Assert.Equal(failure.Message, result.FirstError);
        Assert.Equal("H local", (await ctx.Queries.FindAsync(held.Id, Token))!.Company);
    }

    [Fact]
    public async Task Manual_is_no_policy_for_many_leads()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Resolver.ResolveAllAsync(ConflictPolicy.Manual, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentException>(() => Resolver.ResolveAsync(LeadSelection.None, ConflictPolicy.Manual, cancellationToken: Token));
    }

    /// <summary>Records each report on the caller's thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class SynchronousProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
