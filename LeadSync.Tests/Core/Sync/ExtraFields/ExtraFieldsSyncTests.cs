using LeadSync.Core.Conflicts;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.ExtraFields;

/// <summary>
/// Mapped extra fields end to end against the sandbox (docs/zoho §2.11, §2.12): every kind of value pushed and pulled,
/// our own write coming back changes nothing, per-field merges and conflicts, one-way mappings and the history.
/// </summary>
public sealed class ExtraFieldsSyncTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>One writable field of each kind in the sandbox's metadata, and a value of it (LeadSync's form, Zoho's JSON).</summary>
    internal static readonly (string ApiName, FieldValue Value, string ZohoJson)[] EveryKind =
    [
        ("Designation", FieldValue.Text("Head of Sales"), "\"Head of Sales\""),
        ("Website", FieldValue.Text("https://example.com"), "\"https://example.com\""),
        ("Description", FieldValue.Text("Met at the fair.\nWants a demo."), "\"Met at the fair.\\nWants a demo.\""),
        ("Industry", FieldValue.Text("Systems Integrator"), "\"Systems Integrator\""),
        ("Annual_Revenue", FieldValue.Number(1250000.5m), "1250000.5"),
        ("No_of_Employees", FieldValue.Number(420), "420"),
        ("Email_Opt_Out", FieldValue.Boolean(true), "true"),
        ("Product_Interest__c", FieldValue.List(["CRM", "Analytics"]), "[\"CRM\",\"Analytics\"]"),
        ("Next_Call__c", FieldValue.Text("2026-12-24"), "\"2026-12-24\""),
        ("Demo_At__c", FieldValue.Text("2026-12-03T09:30:00+00:00"), "\"2026-12-03T09:30:00+00:00\""),
    ];

    private static LeadFieldValues EveryKindValues => LeadFieldValues.From(EveryKind.Select(k => new KeyValuePair<string, FieldValue?>(k.ApiName, k.Value)));

    internal static async Task MapAsync(LeadSyncAppFactory app, IEnumerable<string> apiNames, FieldSyncDirection direction = FieldSyncDirection.BothWays)
    {
        var result = await app.Services.GetRequiredService<FieldMappingService>()
            .SaveAsync([.. apiNames.Select(n => new FieldMappingChange(n, true, direction))], "test", Token);
        if (result.BackfillRunId is { } run)
        {
            await app.WaitForRunAsync(run);
        }
    }

    private static async Task<Lead> CreateAsync(LeadSyncAppFactory app, string email, LeadFieldValues extra) =>
        await app.Commands.CreateAsync(new LeadFields(null, "Tester", email, null, null, "Acme") { Extra = extra }, cancellationToken: Token);

    private static async Task ZohoSetExtraAsync(LeadSyncAppFactory app, string email, params (string ApiName, string? Json)[] values)
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

        await app.ZohoPutAsync(lead with { Extra = extra, ModifiedTime = LeadSyncAppFactory.Second(lead.ModifiedTime.AddSeconds(5)) });
    }

    [Fact]
    public async Task Every_kind_of_value_is_pushed_as_zohos_json_and_its_echo_changes_nothing()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await MapAsync(app, EveryKind.Select(k => k.ApiName));

        var lead = await CreateAsync(app, "every.kind@example.com", EveryKindValues);
        await app.WaitSyncedAsync(lead.Id);

        var zoho = app.ZohoSingle("every.kind@example.com");
        // The sandbox keeps each value's JSON text as it escapes it (a '+' as \u002B): compare the JSON, not its spelling.
        Assert.All(EveryKind, k => Assert.Equal(FieldValue.FromStoredText(k.ZohoJson), FieldValue.FromStoredText(zoho.ExtraValue(k.ApiName))));
        var historyBefore = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.LeadId == lead.Id, Token));
        var run = await app.PullAsync();
        var after = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(EveryKindValues, after.ExtraFields);
        Assert.Equal(EveryKindValues, after.AgreedSnapshot!.Extra);
        Assert.Equal(0, run.Updated);
        Assert.Equal(historyBefore, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.LeadId == lead.Id, Token)));
    }

    [Fact]
    public async Task Every_kind_of_value_set_in_zoho_is_pulled_typed_and_a_clear_in_zoho_clears_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await MapAsync(app, EveryKind.Select(k => k.ApiName));
        var lead = await CreateAsync(app, "from.zoho@example.com", LeadFieldValues.Empty);
        await app.WaitSyncedAsync(lead.Id);

        await ZohoSetExtraAsync(app, "from.zoho@example.com", [.. EveryKind.Select(k => (k.ApiName, (string?)k.ZohoJson))]);
        await app.PullAsync();
        var pulled = (await app.LeadAsync(lead.Id))!;
        await ZohoSetExtraAsync(app, "from.zoho@example.com", ("Industry", null), ("Annual_Revenue", "99.95"));
        await app.PullAsync();
        var changed = (await app.LeadAsync(lead.Id))!;

        Assert.Equal(EveryKindValues, pulled.ExtraFields);
        Assert.Equal(1250000.5m, pulled.ExtraFields.Get("Annual_Revenue")!.AsNumber);
        Assert.Equal(new DateOnly(2026, 12, 24), pulled.ExtraFields.Get("Next_Call__c")!.AsDate);
        Assert.Null(changed.ExtraFields.Get("Industry"));
        Assert.Equal(99.95m, changed.ExtraFields.Get("Annual_Revenue")!.AsNumber);
        Assert.Equal(SyncState.Synced, changed.SyncState);
        var history = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.LeadId == lead.Id).OrderBy(h => h.Id).ToListAsync(Token));
        Assert.Contains(history, h => h.Changes is { } c && c.Contains("Annual_Revenue: 1250000.5 → 99.95", StringComparison.Ordinal)
            && c.Contains("Industry: Systems Integrator → ∅", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_edit_of_one_extra_field_sends_only_that_field_and_keeps_a_zoho_edit_of_another()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await MapAsync(app, ["Industry", "Seats__c", "Region__c"]);
        var lead = await CreateAsync(app, "partial@example.com", LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(5)).With("Region__c", FieldValue.Text("EMEA")));
        await app.WaitSyncedAsync(lead.Id);
        await ZohoSetExtraAsync(app, "partial@example.com", ("Industry", "\"Service Provider\""));

        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields.WithExtra("Seats__c", FieldValue.Number(12)), null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync();

        var zoho = app.ZohoSingle("partial@example.com");
        var local = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(("12", "\"Service Provider\"", "\"EMEA\""), (zoho.ExtraValue("Seats__c"), zoho.ExtraValue("Industry"), zoho.ExtraValue("Region__c")));
        Assert.Equal(FieldValue.Text("Service Provider"), local.ExtraFields.Get("Industry"));
        Assert.Equal(FieldValue.Number(12), local.ExtraFields.Get("Seats__c"));
        Assert.Equal(SyncState.Synced, local.SyncState);
    }

    [Fact]
    public async Task An_extra_field_changed_on_both_sides_is_held_and_an_admin_picks_a_side_per_field()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Sync:ConflictPolicy", nameof(ConflictPolicy.Manual))
            .With("Sync:RetryBaseDelay", "00:01:00").With("Sync:RetryMaxDelay", "00:01:00").With("Zoho:MaxAttempts", "1"));
        await MapAsync(app, ["Region__c", "Product_Interest__c"]);
        var lead = await CreateAsync(app, "both.sides@example.com", LeadFieldValues.Empty.With("Region__c", FieldValue.Text("EMEA")));
        await app.WaitSyncedAsync(lead.Id);
        await ZohoSetExtraAsync(app, "both.sides@example.com", ("Region__c", "\"APAC\""), ("Product_Interest__c", "[\"Support\"]"));
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields.WithExtra("Region__c", FieldValue.Text("LATAM")), null, cancellationToken: Token);
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id && e.Attempts >= 1 && e.ClaimedBy == null, Token)),
            "the local edit is held in the outbox after a 429");
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 0 });

        await app.PullAsync();
        var held = (await app.LeadAsync(lead.Id))!;
        var conflict = await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(Token));
        var view = Assert.Single(Assert.Single((await app.Services.GetRequiredService<ConflictQueries>().GetOpenAsync(0, 10, Token)).Items).Fields);
        await app.Services.GetRequiredService<ConflictResolutionService>().ResolveAsync(
            lead.Id, new Dictionary<string, ConflictSide> { ["Region__c"] = ConflictSide.Zoho }, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        Assert.Equal(SyncState.Conflict, held.SyncState);
        Assert.Equal(FieldValue.List(["Support"]), held.ExtraFields.Get("Product_Interest__c")); // one-sided: merged
        Assert.Equal(("Region__c", "\"EMEA\"", "\"LATAM\"", "\"APAC\""), (conflict.Field, conflict.AgreedValue, conflict.LocalValue, conflict.ZohoValue));
        Assert.Equal(("LATAM", "APAC", "EMEA"), (view.LocalValue, view.ZohoValue, view.AgreedValue));
        var settled = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(FieldValue.Text("APAC"), settled.ExtraFields.Get("Region__c"));
        Assert.Equal("\"APAC\"", app.ZohoSingle("both.sides@example.com").ExtraValue("Region__c"));
        var lines = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.LeadId == lead.Id && h.Changes != null).Select(h => h.Changes!).ToListAsync(Token));
        Assert.Contains(lines, c => c.Contains("Region__c: changed on both sides · agreed EMEA · LeadSync LATAM · Zoho APAC", StringComparison.Ordinal));
        Assert.Contains(lines, c => c.Contains("Region__c: Zoho's value won · LeadSync LATAM → APAC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_way_mappings_move_values_only_their_way()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await MapAsync(app, ["Region__c"], FieldSyncDirection.ZohoToLeadSync);
        await MapAsync(app, ["Seats__c"], FieldSyncDirection.LeadSyncToZoho);
        var lead = await CreateAsync(app, "one.way@example.com", LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(3)));
        await app.WaitSyncedAsync(lead.Id);

        await ZohoSetExtraAsync(app, "one.way@example.com", ("Region__c", "\"LATAM\""), ("Seats__c", "99"));
        await app.PullAsync();
        var local = (await app.LeadAsync(lead.Id))!;
        var refused = await Assert.ThrowsAsync<LeadValidationException>(() =>
            app.Commands.UpdateAsync(lead.Id, local.Fields.WithExtra("Region__c", FieldValue.Text("EMEA")), null, cancellationToken: Token));
        await app.Commands.UpdateAsync(lead.Id, local.Fields.WithExtra("Seats__c", FieldValue.Number(4)), null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        Assert.Equal(FieldValue.Text("LATAM"), local.ExtraFields.Get("Region__c"));
        Assert.Equal(FieldValue.Number(3), local.ExtraFields.Get("Seats__c")); // Zoho's 99 is not pulled
        Assert.Equal(("Region__c", ValidationRules.NotWritable), (refused.Failures[0].Field, refused.Failures[0].Rule));
        Assert.Equal("4", app.ZohoSingle("one.way@example.com").ExtraValue("Seats__c"));
        Assert.Equal("\"LATAM\"", app.ZohoSingle("one.way@example.com").ExtraValue("Region__c"));
    }
}
