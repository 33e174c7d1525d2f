using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>
/// Mapped extra fields on a Bulk Write first push, end to end against the sandbox (docs/zoho §6.2, §6.5): every pushed
/// field is a column, Zoho ends with every value, the agreed values are what was sent (a later pull changes nothing),
/// one-way mappings go their way, and a bad value is its row's own field error.
/// </summary>
public sealed class BulkWriteExtraFieldsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] Awkward = ["Head, \"of\" Sales", "Line\nbreak\r\nand more", "Zoë 李 😀 Ünïcödé", "=SUM(A1)"];

    /// <summary>Every kind of value (<see cref="ExtraFieldsSyncTests.EveryKind"/>), the text one varied with awkward CSV.</summary>
    private static LeadFieldValues Values(int i) => LeadFieldValues.From(ExtraFieldsSyncTests.EveryKind.Select(k =>
        new KeyValuePair<string, FieldValue?>(k.ApiName, k.ApiName == "Designation" ? FieldValue.Text(Awkward[i % Awkward.Length]) : k.Value)));

    [Fact]
    public async Task A_bulk_first_push_lands_every_kind_of_extra_value_in_zoho_and_a_later_pull_changes_nothing()
    {
        await using var app = BulkWriteHost.Start();
        await ExtraFieldsSyncTests.MapAsync(app, ExtraFieldsSyncTests.EveryKind.Select(k => k.ApiName));
        var leads = BulkWriteHost.Leads("extra", 120).Select((l, i) => l with { Extra = Values(i) }).ToList();
        var ids = await BulkWriteHost.AddAsync(app, leads);
        BulkWriteHost.Nudge(app);
        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((BulkWriteJobState.Done, 120, 0), (job.State, job.RowsApplied, job.RowsFailed));
        Assert.Empty(BulkWriteHost.RecordWrites(app)); // nothing went again by the record API
        for (var i = 0; i < ids.Count; i++)
        {
            var lead = (await app.LeadAsync(ids[i]))!;
            var zoho = app.ZohoSingle(lead.Email);
            Assert.Equal(SyncState.Synced, lead.SyncState);
            Assert.Equal(Values(i), lead.AgreedSnapshot!.Extra);
            // Zoho holds what LeadSync agreed on: each value read back from the sandbox, as the JSON it keeps.
            Assert.All(lead.AgreedSnapshot.Extra.Entries, e => Assert.Equal(e.Value, FieldValue.FromStoredText(zoho.ExtraValue(e.Key))));
        }

        var history = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(Token));
        var run = await app.PullAsync();

        Assert.Equal(0, run.Updated);
        Assert.Equal(history, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(Token)));
        Assert.Equal(ids.Count, await app.QueryAsync(db => db.Leads.CountAsync(l => ids.Contains(l.Id) && l.SyncState == SyncState.Synced, Token)));
    }

    [Fact]
    public async Task One_way_mappings_decide_the_columns_a_bulk_push_sends()
    {
        await using var app = BulkWriteHost.Start();
        await ExtraFieldsSyncTests.MapAsync(app, ["Region__c"], FieldSyncDirection.ZohoToLeadSync);
        await ExtraFieldsSyncTests.MapAsync(app, ["Seats__c"], FieldSyncDirection.LeadSyncToZoho);
        var leads = BulkWriteHost.Leads("oneway", 110).Select((l, i) => l with { Extra = LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(i)) });
        var ids = await BulkWriteHost.AddAsync(app, leads);
        BulkWriteHost.Nudge(app);
        await BulkWriteHost.SettledAsync(app);
        var first = (await app.LeadAsync(ids[7]))!;
        var pushed = app.ZohoSingle(first.Email);

        await app.ZohoPutAsync(pushed with
        {
            Extra = new Dictionary<string, string>(StringComparer.Ordinal) { ["Region__c"] = "\"LATAM\"", ["Seats__c"] = "99" },
            ModifiedTime = LeadSyncAppFactory.Second(pushed.ModifiedTime.AddSeconds(5)),
        });
        await app.PullAsync();
        var pulled = (await app.LeadAsync(ids[7]))!;

        Assert.Equal(BulkWriteJobState.Done, Assert.Single(await BulkWriteHost.JobsAsync(app)).State);
        Assert.Equal(("7", null), (pushed.ExtraValue("Seats__c"), pushed.ExtraValue("Region__c")));
        Assert.Equal(FieldValue.Text("LATAM"), pulled.ExtraFields.Get("Region__c"));
        Assert.Equal(FieldValue.Number(7), pulled.ExtraFields.Get("Seats__c")); // Zoho's 99 is not pulled
        Assert.Equal(SyncState.Synced, pulled.SyncState);
    }

    [Fact]
    public async Task A_bad_extra_value_in_a_bulk_row_is_that_rows_field_error_and_the_lead_goes_again_without_it()
    {
        await using var app = BulkWriteHost.Start();
        await ExtraFieldsSyncTests.MapAsync(app, ["Region__c", "Seats__c"]);
        var good = BulkWriteHost.Leads("region", 110)
            .Select(l => l with { Extra = LeadFieldValues.Empty.With("Region__c", FieldValue.Text("EMEA")).With("Seats__c", FieldValue.Number(5)) });
        var bad = new LeadFields("Bad", "Region", "bad.region@bulk.example", null, null, "X")
        {
            Extra = LeadFieldValues.Empty.With("Region__c", FieldValue.Text("Atlantis")).With("Seats__c", FieldValue.Number(8)),
        };
        var ids = await BulkWriteHost.AddAsync(app, [.. good, bad]);
        BulkWriteHost.Nudge(app);
        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((111, 1), (job.RowsApplied, job.RowsFailed));
        Assert.Equal("\"EMEA\"", app.ZohoSingle("region.42@bulk.example").ExtraValue("Region__c"));
        var refused = Assert.Single(await app.QueryAsync(db => db.Set<LeadFieldError>().AsNoTracking().ToListAsync(Token)));
        Assert.Equal((ids[^1], "Region__c", "INVALID_DATA"), (refused.LeadId, refused.ApiName, refused.Code));
        var lead = (await app.LeadAsync(ids[^1]))!;
        var zoho = app.ZohoSingle("bad.region@bulk.example"); // written again without the refused field
        Assert.Equal(("8", null), (zoho.ExtraValue("Seats__c"), zoho.ExtraValue("Region__c")));
        Assert.Equal(FieldValue.Text("Atlantis"), lead.ExtraFields.Get("Region__c")); // the lead keeps its value, flagged
        Assert.Null(lead.AgreedSnapshot!.Extra.Get("Region__c"));
        Assert.Contains(await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.LeadId == lead.Id).ToListAsync(Token)),
            h => h.Outcome == LeadHistoryOutcome.FieldError && h.ErrorMessage!.StartsWith("Region__c:", StringComparison.Ordinal));
    }
    [Fact]
    public async Task A_field_zoho_refused_for_a_lead_is_left_out_of_its_bulk_row_and_out_of_the_agreed_values()
    {
        await using var app = BulkWriteHost.Start();
        await ExtraFieldsSyncTests.MapAsync(app, ["Region__c", "Seats__c"]);
        var leads = BulkWriteHost.Leads("withheld", 110)
            .Select(l => l with { Extra = LeadFieldValues.Empty.With("Region__c", FieldValue.Text("Atlantis")).With("Seats__c", FieldValue.Number(2)) });
        var ids = await BulkWriteHost.AddAsync(app, leads, dueIn: TimeSpan.FromSeconds(2));
        await using (var db = await app.Contexts.CreateDbContextAsync(Token))
        {
            // Every lead's Region was refused before (the fielderrors rule), and the leads still hold the refused value.
            db.AddRange(ids.Select(id => new LeadFieldError
            {
                LeadId = id, ApiName = "Region__c", Direction = FieldErrorDirection.Push, Code = "INVALID_DATA", Message = "invalid data",
                Value = FieldValue.ToStoredText(FieldValue.Text("Atlantis")), At = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync(Token);
        }

        BulkWriteHost.Nudge(app);
        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((BulkWriteJobState.Done, 110, 0), (job.State, job.RowsApplied, job.RowsFailed));
        var lead = (await app.LeadAsync(ids[3]))!;
        var zoho = app.ZohoSingle(lead.Email);
        Assert.Equal(("2", null), (zoho.ExtraValue("Seats__c"), zoho.ExtraValue("Region__c")));
        Assert.Equal(LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(2)), lead.AgreedSnapshot!.Extra);
        Assert.Equal(FieldValue.Text("Atlantis"), lead.ExtraFields.Get("Region__c"));
        Assert.Equal(SyncState.Synced, lead.SyncState);
        Assert.Equal(110, await app.QueryAsync(db => db.Set<LeadFieldError>().CountAsync(Token))); // still shown
    }
}
