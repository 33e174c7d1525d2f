using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// A lead's agreed snapshot keeps its extra values once, with the lead's, where they are the lead's own (every synced
/// lead) — and a change of either side writes the pair again, so the three-way merge's base never follows a local edit
/// (Lead, AgreedSnapshotColumn). Run on both databases by the subclasses.
/// </summary>
public abstract class AgreedSnapshotStorageTests(TestDatabase database)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agreed_extra_values_equal_to_the_leads_are_stored_once_and_a_local_edit_keeps_the_agreed_ones()
    {
        var extra = ExtraFieldsStorageTests.EveryKind;
        var lead = LeadSyncTransitions.NewLocal(new LeadFields("Ada", "Lovelace", $"agreed.{Guid.NewGuid():N}@example.com", null, null, "Acme") { Extra = extra }, Now);
        lead.AgreedSnapshot = lead.Fields; // synced: both sides hold the lead's values
        await SaveNewAsync(lead);

        Assert.Contains("\"extraAsLead\":true", await StoredAsync(lead.Id), StringComparison.Ordinal);
        Assert.DoesNotContain("Retail", await StoredAsync(lead.Id), StringComparison.Ordinal);
        Assert.Equal(lead.Fields, (await ReadAsync(lead.Id)).AgreedSnapshot);

        // A local edit of an extra value (and one of a core value) changes the lead, not what both sides agreed on.
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id, Token);
            tracked.Apply(tracked.Fields with { Company = "Acme Two", Extra = extra.With("Industry", FieldValue.Text("Banking")).With("Seats__c", null) });
            await db.SaveChangesAsync(Token);
        }

        var edited = await ReadAsync(lead.Id);
        Assert.Equal((FieldValue.Text("Banking"), "Acme Two"), (edited.ExtraFields.Get("Industry"), edited.Company));
        Assert.Equal(lead.Fields, edited.AgreedSnapshot); // the base of the next merge: Industry was Retail, Seats as before
        Assert.Contains("Retail", await StoredAsync(lead.Id), StringComparison.Ordinal);

        // Pushed: both sides agree again, and the pair is stored once again.
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id, Token);
            tracked.AgreedSnapshot = tracked.Fields;
            await db.SaveChangesAsync(Token);
        }

        Assert.Equal(edited.Fields, (await ReadAsync(lead.Id)).AgreedSnapshot);
        Assert.Contains("\"extraAsLead\":true", await StoredAsync(lead.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agreed_values_that_differ_from_the_leads_or_were_stored_in_full_before_read_as_written()
    {
        var extra = LeadFieldValues.Empty.With("Industry", FieldValue.Text("Retail")).With("Seats__c", FieldValue.Number(5));
        var lead = LeadSyncTransitions.NewLocal(new LeadFields("Grace", "Hopper", $"agreed.{Guid.NewGuid():N}@example.com", null, null, null) { Extra = extra }, Now);
        var agreed = lead.Fields with { Extra = extra.With("Seats__c", null) }; // Zoho refused Seats__c: not agreed
        lead.AgreedSnapshot = agreed;
        await SaveNewAsync(lead);
        Assert.Equal(agreed, (await ReadAsync(lead.Id)).AgreedSnapshot);
        Assert.DoesNotContain("extraAsLead", await StoredAsync(lead.Id), StringComparison.Ordinal);

        // A row written before the agreed extra values could be kept with the lead's: the full form reads the same.
        var full = $$$"""{"firstName":"Grace","lastName":"Hopper","email":"{{{lead.Email}}}","phone":null,"status":null,"company":null,"extra":{"Industry":"Retail","Seats__c":5}}""";
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => EF.Property<string?>(l, Lead.AgreedSnapshotTextName), full), Token);
        }

        Assert.Equal(lead.Fields, (await ReadAsync(lead.Id)).AgreedSnapshot);
    }

    private async Task SaveNewAsync(Lead lead)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(Token);
    }

    private async Task<Lead> ReadAsync(Guid id)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id, Token);
    }

    private async Task<string> StoredAsync(Guid id)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        return await db.Leads.Where(l => l.Id == id).Select(l => EF.Property<string>(l, Lead.AgreedSnapshotTextName)).SingleAsync(Token);
    }
}

public sealed class AgreedSnapshotStorageTests_Sqlite(SqliteTestDatabase database) : AgreedSnapshotStorageTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class AgreedSnapshotStorageTests_Postgres(PostgresTestDatabase database) : AgreedSnapshotStorageTests(database), IClassFixture<PostgresTestDatabase>;
