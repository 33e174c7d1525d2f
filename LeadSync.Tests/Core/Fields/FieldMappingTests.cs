using LeadSync.Core.Fields;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// Field metadata and mapping in the running app against the sandbox (docs/zoho §2.12): the metadata is cached in the
/// database (a second read costs no credit), refreshed on demand; a mapping is stored and is what
/// <see cref="IMappedFields"/> answers; a refused change stores nothing; the four things Zoho changes under a mapping
/// are flagged after a refresh; a mapping change with a backfill runs as a full pull.
/// </summary>
public sealed class FieldMappingTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FieldMappingService Mapping => app.Services.GetRequiredService<FieldMappingService>();

    private FieldMetadataStore Metadata => app.Services.GetRequiredService<FieldMetadataStore>();

    private IMappedFields Mapped => app.Services.GetRequiredService<IMappedFields>();

    private SandboxFieldCatalog ZohoFields => app.Sandbox.Fields;

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Metadata_is_read_once_then_served_from_the_database_until_refreshed()
    {
        var first = await Metadata.GetAsync(Ct);
        var credits = app.Sandbox.State().CreditsUsed;
        await ZohoFields.UpdateAsync("Industry", new SandboxFieldEdit { Label = "Sector" }, Ct);

        var cached = await Metadata.GetAsync(Ct);
        var stored = await app.QueryAsync(db => db.Set<CachedZohoField>().CountAsync(Ct));
        var refreshed = await Metadata.RefreshAsync(Ct);

        Assert.Equal(first.Fields.Count, stored);
        Assert.Equal("Industry", cached.Find("Industry")!.Label);
        Assert.Equal(credits + 1, app.Sandbox.State().CreditsUsed); // only the refresh called Zoho
        Assert.Equal("Sector", refreshed.Find("Industry")!.Label);
        Assert.Equal("Sector", (await Metadata.GetAsync(Ct)).Find("Industry")!.Label);
    }

    [Fact]
    public async Task A_saved_mapping_is_what_imapped_fields_answers_in_zohos_order_without_the_core_six()
    {
        await Mapping.SaveAsync([
            new("Region__c", true, FieldSyncDirection.ZohoToLeadSync),
            new("Industry", true, FieldSyncDirection.BothWays),
            new("Seats__c", true, FieldSyncDirection.LeadSyncToZoho)], "admin@example.com", Ct);

        var mapped = await Mapped.GetAsync(Ct);

        Assert.Equal(["Industry", "Region__c", "Seats__c"], mapped.Select(m => m.ApiName));
        Assert.Equal([FieldSyncDirection.BothWays, FieldSyncDirection.ZohoToLeadSync, FieldSyncDirection.LeadSyncToZoho], mapped.Select(m => m.Direction));
        Assert.All(mapped, m => Assert.Null(m.Problem));
        Assert.Equal((true, false), (mapped[1].Pulls, mapped[1].Pushes));
        Assert.Equal((false, true), (mapped[2].Pulls, mapped[2].Pushes));
        var row = await app.QueryAsync(db => db.Set<FieldMapping>().SingleAsync(m => m.ApiName == "Industry", Ct));
        Assert.Equal("admin@example.com", row.MappedBy);
    }

    [Fact]
    public async Task Unmapping_removes_the_field_and_the_overview_shows_the_core_six_always_mapped()
    {
        await Mapping.SaveAsync([new("Industry", true), new("Rating", true)], null, Ct);
        await Mapping.SaveAsync([new("Industry", false)], null, Ct);

        var overview = await Mapping.GetAsync(Ct);

        Assert.Equal(["Rating"], (await Mapped.GetAsync(Ct)).Select(m => m.ApiName));
        Assert.Equal(6, overview.Fields.Count(f => f.IsCore && f.Mapped));
        Assert.Equal(["Rating"], overview.Fields.Where(f => !f.IsCore && f.Mapped).Select(f => f.ApiName));
        Assert.False(overview.Fields.Single(f => f.ApiName == "Lead_Score__c").CanMap);
        Assert.Equal([FieldSyncDirection.ZohoToLeadSync], overview.Fields.Single(f => f.ApiName == "Owner").Allowed);
    }

    [Fact]
    public async Task A_change_with_one_refused_field_stores_nothing()
    {
        var refused = await Assert.ThrowsAsync<FieldMappingException>(() =>
            Mapping.SaveAsync([new("Industry", true), new("Owner", true, FieldSyncDirection.BothWays)], null, Ct));

        Assert.Equal("Owner", refused.ApiName);
        Assert.Empty(await Mapped.GetAsync(Ct));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<FieldMapping>().CountAsync(Ct)));
    }

    [Fact]
    public async Task The_four_changes_zoho_makes_under_a_mapping_are_flagged_after_a_refresh()
    {
        await Mapping.SaveAsync([new("Region__c", true), new("Seats__c", true), new("Industry", true), new("Budget__c", true), new("Rating", true)], null, Ct);

        await ZohoFields.DeleteAsync("Region__c", Ct);
        await ZohoFields.UpdateAsync("Seats__c", new SandboxFieldEdit { DataType = "text" }, Ct);
        await ZohoFields.UpdateAsync("Industry", new SandboxFieldEdit { PicklistValues = ["Large Enterprise", "Service Provider"] }, Ct);
        await ZohoFields.UpdateAsync("Budget__c", new SandboxFieldEdit { Mandatory = true }, Ct);
        Assert.All(await Mapped.GetAsync(Ct), m => Assert.Null(m.Problem)); // not seen before the metadata is read again
        await Metadata.RefreshAsync(Ct);

        var mapped = (await Mapped.GetAsync(Ct)).ToDictionary(m => m.ApiName);
        Assert.Contains("deleted", mapped["Region__c"].Problem, StringComparison.Ordinal);
        Assert.Contains("from Number to Single line", mapped["Seats__c"].Problem, StringComparison.Ordinal);
        Assert.Contains("removed the values", mapped["Industry"].Problem, StringComparison.Ordinal);
        Assert.Contains("mandatory", mapped["Budget__c"].Problem, StringComparison.Ordinal);
        Assert.Null(mapped["Rating"].Problem);
        Assert.True(mapped["Rating"].Pulls);
        Assert.All(mapped.Values.Where(m => m.Problem is not null), m => Assert.False(m.Pulls || m.Pushes));
        var overview = await Mapping.GetAsync(Ct);
        Assert.Equal(4, overview.Fields.Count(f => f.Problem is not null));
        Assert.Contains(overview.Fields, f => f.ApiName == "Region__c" && f.Mapped); // a deleted field stays listed until unmapped
    }

    [Fact]
    public async Task Accepting_zohos_change_clears_the_problem_and_a_deleted_field_can_only_be_unmapped()
    {
        await Mapping.SaveAsync([new("Seats__c", true), new("Region__c", true)], null, Ct);
        await ZohoFields.UpdateAsync("Seats__c", new SandboxFieldEdit { DataType = "text" }, Ct);
        await ZohoFields.DeleteAsync("Region__c", Ct);
        await Metadata.RefreshAsync(Ct);

        var plan = await Mapping.PlanAsync([new("Seats__c", true)], Ct);
        await Mapping.SaveAsync([new("Seats__c", true)], null, Ct);
        var keep = await Assert.ThrowsAsync<FieldMappingException>(() => Mapping.SaveAsync([new("Region__c", true)], null, Ct));
        await Mapping.SaveAsync([new("Region__c", false)], null, Ct);

        Assert.Contains(plan.Steps, s => s.StartsWith("Accept Zoho's change to Seats (Seats__c): sync it as Single line", StringComparison.Ordinal));
        Assert.Equal(["Seats__c"], plan.BackfillFields);
        Assert.Contains("no longer exists in Zoho", keep.Message, StringComparison.Ordinal);
        var seats = Assert.Single(await Mapped.GetAsync(Ct));
        Assert.Null(seats.Problem);
        Assert.Equal(ZohoFieldType.Text, seats.Definition.Type);
    }

    [Fact]
    public async Task A_mapping_change_with_a_backfill_runs_a_full_pull_and_counts_the_linked_leads()
    {
        var ids = await app.ImportAsync(3, "Linked", nudge: false);
        await app.QueryAsync(async db =>
        {
            var leads = await db.Leads.Where(l => ids.Contains(l.Id)).ToListAsync(Ct);
            for (var i = 0; i < leads.Count; i++)
            {
                leads[i].ZohoId = (9_000_000_000_000_000_001L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return await db.SaveChangesAsync(Ct);
        });

        var plan = await Mapping.PlanAsync([new("Industry", true)], Ct);
        var result = await Mapping.SaveAsync([new("Industry", true)], null, Ct);

        Assert.StartsWith("Backfill Industry for 3 leads from Zoho: about 1 credit (", plan.Steps[0], StringComparison.Ordinal);
        var runId = Assert.IsType<Guid>(result.BackfillRunId);
        var run = await app.Sync.WaitForRunAsync(runId, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(SyncRunKind.FullResync, run.Kind);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task A_mapping_change_without_a_read_starts_no_run()
    {
        var result = await Mapping.SaveAsync([new("Seats__c", true, FieldSyncDirection.LeadSyncToZoho)], null, Ct);

        Assert.Null(result.BackfillRunId);
        Assert.DoesNotContain(await app.RunsAsync(), r => r.Kind == SyncRunKind.FullResync);
    }
}
