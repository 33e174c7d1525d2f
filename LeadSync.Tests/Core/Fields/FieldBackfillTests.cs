using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// A mapping change with a backfill, end to end against the sandbox (docs/zoho §2.12): values Zoho held before the field
/// was mapped — which no incremental pull would read again — arrive on every linked lead through the full pull the
/// mapping starts.
/// </summary>
public sealed class FieldBackfillTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mapping_a_field_backfills_the_values_zoho_already_held_on_every_linked_lead()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var leads = new[] { await app.CreateAsync("backfill.a@example.com"), await app.CreateAsync("backfill.b@example.com") };
        foreach (var lead in leads)
        {
            await app.WaitSyncedAsync(lead.Id);
        }

        await app.PullAsync();
        foreach (var (email, industry) in new[] { ("backfill.a@example.com", "Systems Integrator"), ("backfill.b@example.com", "Storage Equipment") })
        {
            var zoho = app.ZohoSingle(email); // set in Zoho long ago: Modified_Time unchanged, so an incremental pull skips it
            await app.ZohoPutAsync(zoho with { Extra = new Dictionary<string, string> { ["Industry"] = $"\"{industry}\"" } });
        }

        await app.PullAsync();
        foreach (var lead in leads)
        {
            Assert.Null((await app.LeadAsync(lead.Id))!.ExtraFields.Get("Industry")); // not mapped yet
        }

        var plan = await app.Services.GetRequiredService<FieldMappingService>().PlanAsync([new("Industry", true)], Token);
        var result = await app.Services.GetRequiredService<FieldMappingService>().SaveAsync([new("Industry", true)], "test", Token);
        var run = await app.WaitForRunAsync(result.BackfillRunId!.Value);

        Assert.StartsWith("Backfill Industry for 2 leads from Zoho: about 1 credit", plan.Steps[0], StringComparison.Ordinal);
        Assert.Equal(SyncRunKind.FullResync, run.Kind);
        Assert.Equal(FieldValue.Text("Systems Integrator"), (await app.LeadAsync(leads[0].Id))!.ExtraFields.Get("Industry"));
        Assert.Equal(FieldValue.Text("Storage Equipment"), (await app.LeadAsync(leads[1].Id))!.ExtraFields.Get("Industry"));
    }
}
