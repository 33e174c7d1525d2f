using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.ExtraFields;

/// <summary>
/// "Zoho changed the field under us" end to end against the sandbox (docs/zoho §2.12, §3, docs/extra-fields.md): before
/// LeadSync's metadata knows of the change, Zoho refuses a mapped field's value (picklist value removed, field retyped,
/// made mandatory) or sends a value that does not fit (retyped, unlisted picklist value). The lead's other fields still
/// sync both ways, the lead shows a per-field error (not Failed as a whole), the metadata is read again so the mapping
/// page flags the field, and fixing the mapping or the value recovers.
/// </summary>
public sealed class FieldErrorSyncTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<List<LeadFieldError>> FieldErrorsAsync(LeadSyncAppFactory app, Guid leadId) =>
        app.QueryAsync(db => db.Set<LeadFieldError>().AsNoTracking().Where(e => e.LeadId == leadId).ToListAsync(Token));

    private static async Task<Lead> CreateAsync(LeadSyncAppFactory app, string email, LeadFieldValues extra) =>
        await app.Commands.CreateAsync(new LeadFields(null, "Tester", email, null, null, "Acme") { Extra = extra }, cancellationToken: Token);

    private static Task FlaggedAsync(LeadSyncAppFactory app, string apiName, string problem) =>
        Eventually.TrueAsync(
            async () => (await app.Services.GetRequiredService<IMappedFields>().GetAsync(Token)).Single(m => m.ApiName == apiName).Problem?.Contains(problem, StringComparison.Ordinal) == true,
            $"the metadata is read again and {apiName} is flagged ({problem})");

    private static async Task ZohoSetAsync(LeadSyncAppFactory app, string email, Func<SandboxLead, SandboxLead> change, params (string ApiName, string? Json)[] values)
    {
        var lead = app.ZohoSingle(email);
        var extra = new Dictionary<string, string>(lead.Extra ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, json) in values)
        {
            if (json is null)
            {
                extra.Remove(name);
            }
            else
            {
                extra[name] = json;
            }
        }

        await app.ZohoPutAsync(change(lead) with { Extra = extra, ModifiedTime = LeadSyncAppFactory.Second(lead.ModifiedTime.AddSeconds(5)) });
    }

    [Fact]
    public async Task A_picklist_value_zoho_removed_leaves_that_field_out_of_the_push_and_the_rest_is_created()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await ExtraFieldsSyncTests.MapAsync(app, ["Industry", "Seats__c"]);
        await app.Sandbox.Fields.UpdateAsync("Industry", new SandboxFieldEdit { PicklistValues = ["Large Enterprise", "Service Provider"] }, Token);

        var lead = await CreateAsync(app, "picklist@example.com", LeadFieldValues.Empty.With("Industry", FieldValue.Text("Systems Integrator")).With("Seats__c", FieldValue.Number(5)));
        await app.WaitSyncedAsync(lead.Id);

        var zoho = app.ZohoSingle("picklist@example.com");
        var local = (await app.LeadAsync(lead.Id))!;
        var error = Assert.Single(await FieldErrorsAsync(app, lead.Id));
        Assert.Equal(("5", null), (zoho.ExtraValue("Seats__c"), zoho.ExtraValue("Industry")));
        Assert.Equal((SyncState.Synced, null), (local.SyncState, local.LastError)); // not failed as a whole
        Assert.Equal(("Industry", FieldErrorDirection.Push, "INVALID_DATA"), (error.ApiName, error.Direction, error.Code));
        Assert.Equal("\"Systems Integrator\"", error.Value);
        Assert.Equal(FieldValue.Text("Systems Integrator"), local.ExtraFields.Get("Industry")); // kept here, not silently dropped
        Assert.Null(local.AgreedSnapshot!.Extra.Get("Industry")); // Zoho does not hold it
        Assert.Equal(1, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.LeadId == lead.Id && h.Outcome == LeadHistoryOutcome.FieldError, Token)));
        await FlaggedAsync(app, "Industry", "removed the value");

        // Recovery: the admin accepts Zoho's change (the field's errors go), then the lead takes a value Zoho offers.
        await ExtraFieldsSyncTests.MapAsync(app, ["Industry"]); // accepts Zoho's change and waits for its backfill
        Assert.Empty(await FieldErrorsAsync(app, lead.Id));
        await app.Commands.UpdateAsync(lead.Id, local.Fields.WithExtra("Industry", FieldValue.Text("Service Provider")), null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);
        Assert.Equal("\"Service Provider\"", app.ZohoSingle("picklist@example.com").ExtraValue("Industry"));
        Assert.Empty(await FieldErrorsAsync(app, lead.Id));
    }

    [Fact]
    public async Task A_retyped_field_is_left_out_of_an_update_the_other_changes_go_and_a_new_value_is_tried_again()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        app.Services.GetRequiredService<FieldMetadataRefreshTrigger>().MinInterval = TimeSpan.FromDays(1);
        await ExtraFieldsSyncTests.MapAsync(app, ["Seats__c", "Region__c"]);
        var lead = await CreateAsync(app, "retyped@example.com", LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(5)).With("Region__c", FieldValue.Text("EMEA")));
        await app.WaitSyncedAsync(lead.Id);
        await app.Sandbox.Fields.UpdateAsync("Seats__c", new SandboxFieldEdit { DataType = "text" }, Token);

        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, (current.Fields with { Company = "NewCo" }).WithExtra("Seats__c", FieldValue.Number(12)).WithExtra("Region__c", FieldValue.Text("APAC")), null, cancellationToken: Token);
        await Eventually.TrueAsync(async () => (await FieldErrorsAsync(app, lead.Id)).Count == 1 && (await app.LeadAsync(lead.Id))!.SyncState == SyncState.Synced, "the field error and the rest synced");

        var zoho = app.ZohoSingle("retyped@example.com");
        var error = Assert.Single(await FieldErrorsAsync(app, lead.Id));
        Assert.Equal(("NewCo", "\"APAC\"", "5"), (zoho.Company, zoho.ExtraValue("Region__c"), zoho.ExtraValue("Seats__c")));
        Assert.Equal(("Seats__c", "INVALID_DATA", "12"), (error.ApiName, error.Code, error.Value));

        // A push of this lead for another reason leaves Seats out again (no second refusal); a pull changes nothing.
        var edited = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, edited.Fields with { Company = "NewerCo" }, null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync();
        Assert.Equal("NewerCo", app.ZohoSingle("retyped@example.com").Company);
        Assert.Equal(1, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.LeadId == lead.Id && h.Outcome == LeadHistoryOutcome.FieldError, Token)));
        Assert.Equal(FieldValue.Number(12), (await app.LeadAsync(lead.Id))!.ExtraFields.Get("Seats__c"));

        // The admin accepts the new type and the value changes to one Zoho takes: it goes, and the error is gone.
        await app.Services.GetRequiredService<FieldMetadataStore>().RefreshAsync(Token);
        await ExtraFieldsSyncTests.MapAsync(app, ["Seats__c"]); // accepts Zoho's change and waits for its backfill
        var accepted = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, accepted.Fields.WithExtra("Seats__c", FieldValue.Text("twelve")), null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);
        Assert.Equal("\"twelve\"", app.ZohoSingle("retyped@example.com").ExtraValue("Seats__c"));
        Assert.Empty(await FieldErrorsAsync(app, lead.Id));
    }

    [Fact]
    public async Task A_field_made_mandatory_is_left_out_when_cleared_and_a_create_without_it_fails_showing_the_field()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await ExtraFieldsSyncTests.MapAsync(app, ["Budget__c", "Region__c"]);
        var lead = await CreateAsync(app, "mandatory@example.com", LeadFieldValues.Empty.With("Budget__c", FieldValue.Number(100)).With("Region__c", FieldValue.Text("EMEA")));
        await app.WaitSyncedAsync(lead.Id);
        await app.Sandbox.Fields.UpdateAsync("Budget__c", new SandboxFieldEdit { Mandatory = true }, Token);

        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields.WithExtra("Budget__c", null).WithExtra("Region__c", FieldValue.Text("LATAM")), null, cancellationToken: Token);
        await Eventually.TrueAsync(async () => (await FieldErrorsAsync(app, lead.Id)).Count == 1 && (await app.LeadAsync(lead.Id))!.SyncState == SyncState.Synced, "the field error and the rest synced");
        var cleared = Assert.Single(await FieldErrorsAsync(app, lead.Id));
        Assert.Equal(("Budget__c", "MANDATORY_NOT_FOUND", null), (cleared.ApiName, cleared.Code, cleared.Value));
        Assert.Equal(("\"LATAM\"", "100"), (app.ZohoSingle("mandatory@example.com").ExtraValue("Region__c"), app.ZohoSingle("mandatory@example.com").ExtraValue("Budget__c")));

        // Zoho cannot create a record without the field: leaving it out does not help, so that lead fails as a whole —
        // after two tries, not in a loop — and shows which field.
        var fresh = await CreateAsync(app, "no.budget@example.com", LeadFieldValues.Empty.With("Region__c", FieldValue.Text("APAC")));
        await Eventually.TrueAsync(async () => (await app.LeadAsync(fresh.Id))!.SyncState is SyncState.Error or SyncState.DeadLetter, "the create fails");
        var failed = (await app.LeadAsync(fresh.Id))!;
        Assert.Equal(("MANDATORY_NOT_FOUND", "Budget__c"), (failed.LastError!.Code, failed.LastError.Field));
        Assert.Equal("Budget__c", Assert.Single(await FieldErrorsAsync(app, fresh.Id)).ApiName);
        Assert.Empty(app.ZohoByEmail("no.budget@example.com"));

        // Recovery of the first lead: a value again is sent and the error goes.
        await FlaggedAsync(app, "Budget__c", "mandatory");
        await ExtraFieldsSyncTests.MapAsync(app, ["Budget__c"]); // accepts Zoho's change and waits for its backfill
        var again = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, again.Fields.WithExtra("Budget__c", FieldValue.Number(250)), null, cancellationToken: Token);
        // The other lead's failed entry stays in the outbox: wait for this lead's own.
        await Eventually.TrueAsync(
            async () => (await app.LeadAsync(lead.Id))!.SyncState == SyncState.Synced
                && !await app.QueryAsync(db => db.Set<LeadSync.Core.Outbox.OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id, Token)),
            "the lead is synced");
        Assert.Equal("250", app.ZohoSingle("mandatory@example.com").ExtraValue("Budget__c"));
        Assert.Empty(await FieldErrorsAsync(app, lead.Id));
    }

    [Fact]
    public async Task A_deleted_field_is_ignored_by_zoho_both_ways_and_the_rest_of_the_lead_syncs()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await ExtraFieldsSyncTests.MapAsync(app, ["Region__c", "Seats__c"]);
        var lead = await CreateAsync(app, "deleted@example.com", LeadFieldValues.Empty.With("Region__c", FieldValue.Text("EMEA")).With("Seats__c", FieldValue.Number(3)));
        await app.WaitSyncedAsync(lead.Id);
        await app.Sandbox.Fields.DeleteAsync("Region__c", Token);

        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields.WithExtra("Region__c", FieldValue.Text("APAC")).WithExtra("Seats__c", FieldValue.Number(4)), null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);
        await ZohoSetAsync(app, "deleted@example.com", z => z with { Company = "Pulled Co" });
        await app.PullAsync();

        var local = (await app.LeadAsync(lead.Id))!;
        Assert.Equal("4", app.ZohoSingle("deleted@example.com").ExtraValue("Seats__c"));
        Assert.Equal(("Pulled Co", SyncState.Synced), (local.Company, local.SyncState));
        Assert.Equal(FieldValue.Text("APAC"), local.ExtraFields.Get("Region__c")); // kept here; the mapping page flags it after a refresh
        Assert.Empty(await FieldErrorsAsync(app, lead.Id));
    }

    [Fact]
    public async Task A_zoho_value_that_no_longer_fits_is_a_pull_field_error_the_rest_applies_and_a_fitting_value_clears_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var trigger = app.Services.GetRequiredService<FieldMetadataRefreshTrigger>();
        trigger.MinInterval = TimeSpan.FromDays(1);
        Assert.True(trigger.Request()); // takes this instance's refresh for the day: the metadata stays as mapped here
        await trigger.Running;
        await ExtraFieldsSyncTests.MapAsync(app, ["Seats__c", "Industry", "Region__c"]);
        var lead = await CreateAsync(app, "unfit@example.com", LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(5)).With("Region__c", FieldValue.Text("EMEA")));
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync();
        var watermark = await WatermarkAsync(app);
        // Zoho retypes Seats to text and replaces an Industry value; a Zoho user then writes values of the new shape.
        await app.Sandbox.Fields.UpdateAsync("Seats__c", new SandboxFieldEdit { DataType = "text" }, Token);
        await app.Sandbox.Fields.UpdateAsync("Industry", new SandboxFieldEdit { PicklistValues = ["Integrator", "Service Provider"] }, Token);
        await ZohoSetAsync(app, "unfit@example.com", z => z with { Company = "Zoho Co", LastName = "Renamed" },
            ("Seats__c", "\"five\""), ("Industry", "\"Integrator\""), ("Region__c", "\"APAC\""));

        var run = await app.PullAsync();

        var local = (await app.LeadAsync(lead.Id))!;
        var errors = (await FieldErrorsAsync(app, lead.Id)).OrderBy(e => e.ApiName, StringComparer.Ordinal).ToList();
        Assert.Null(run.Error);
        Assert.True(await WatermarkAsync(app) > watermark);
        Assert.Equal(("Zoho Co", "Renamed", FieldValue.Text("APAC")), (local.Company, local.LastName, local.ExtraFields.Get("Region__c")));
        Assert.Equal((SyncState.Synced, null), (local.SyncState, local.LastError));
        Assert.Equal(FieldValue.Number(5), local.ExtraFields.Get("Seats__c")); // its own value kept
        Assert.Null(local.ExtraFields.Get("Industry"));
        Assert.Equal(["Industry", "Seats__c"], errors.Select(e => e.ApiName));
        Assert.All(errors, e => Assert.Equal((FieldErrorDirection.Pull, FieldErrorCodes.Unfit), (e.Direction, e.Code)));
        Assert.Equal("\"five\"", errors[1].Value);
        Assert.Contains("Seats must be", errors[1].Message, StringComparison.Ordinal);

        // The same version read again adds nothing; a value that fits the metadata LeadSync holds clears its error.
        await app.PullAsync();
        await ZohoSetAsync(app, "unfit@example.com", z => z, ("Industry", "\"Service Provider\""));
        await app.PullAsync();
        Assert.Equal(FieldValue.Text("Service Provider"), (await app.LeadAsync(lead.Id))!.ExtraFields.Get("Industry"));
        Assert.Equal(["Seats__c"], (await FieldErrorsAsync(app, lead.Id)).Select(e => e.ApiName));
        Assert.Equal(2, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.LeadId == lead.Id && h.Outcome == LeadHistoryOutcome.FieldError, Token)));

        // Read again, the metadata flags Seats; accepting Zoho's new type clears its error (the backfill reads it again).
        await app.Services.GetRequiredService<FieldMetadataStore>().RefreshAsync(Token);
        await FlaggedAsync(app, "Seats__c", "Single line");
        await ExtraFieldsSyncTests.MapAsync(app, ["Seats__c"]);
        Assert.Empty(await FieldErrorsAsync(app, lead.Id));
        Assert.Equal(FieldValue.Text("five"), (await app.LeadAsync(lead.Id))!.ExtraFields.Get("Seats__c"));
    }

    private static Task<DateTimeOffset?> WatermarkAsync(LeadSyncAppFactory app) =>
        app.QueryAsync(db => db.Set<SyncWatermark>().Where(w => w.Name == SyncWatermark.Leads).Select(w => w.Value).SingleAsync(Token));
}
