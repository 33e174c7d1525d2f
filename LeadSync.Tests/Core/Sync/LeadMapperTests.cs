using LeadSync.Core.Conflicts;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Sync;

/// <summary>The mapping between a lead's fields and a Zoho Lead, directly (docs/zoho §2.5, §2.11), no host.</summary>
public sealed class LeadMapperTests
{
    private static readonly LeadFields Agreed = new("Ada", "Lovelace", "ada@example.com", "555-0000", "Contacted", "Engines");

    [Fact] // §2.5: only the keys sent change, so an update carries only what changed since the agreed values
    public void An_update_carries_only_the_fields_changed_since_the_agreed_values()
    {
        var record = LeadMapper.ToZohoUpdate(Agreed with { Phone = "555-1111", Company = "Analytical" }, Agreed, "101");

        Assert.Equal(["Company", "Phone"], record.OnlyFields!.Order(StringComparer.Ordinal));
        Assert.Equal(("101", "555-1111", "Analytical"), (record.Id, record.Phone, record.Company));
    }

    [Fact]
    public void Without_agreed_values_every_field_is_sent_and_with_nothing_changed_asking_is_a_bug()
    {
        Assert.Null(LeadMapper.ToZohoUpdate(Agreed, null, "101").OnlyFields);
        Assert.Throws<InvalidOperationException>(() => LeadMapper.ToZohoUpdate(Agreed, Agreed, "101"));
    }

    [Fact] // the letter case of an email is data: a case-only change is sent
    public void A_change_of_email_letter_case_is_a_change()
    {
        var record = LeadMapper.ToZohoUpdate(Agreed with { Email = "Ada@Example.com" }, Agreed, "101");

        Assert.Equal(["Email"], record.OnlyFields!);
    }

    [Fact] // §2.11: Zoho's "-None-" status is no status
    public void Zoho_none_status_reads_as_no_status_and_values_are_normalised()
    {
        var fields = LeadMapper.ToFields(new ZohoLead { Id = "7", LastName = "  Hopper ", Email = "grace@example.com", LeadStatus = "-None-" });

        Assert.Null(fields.Status);
        Assert.Equal("Hopper", fields.LastName);
    }

    [Fact]
    public void Describe_lists_each_changed_field_old_to_new_and_nothing_when_equal()
    {
        Assert.Equal("Phone: 555-0000 → ∅", LeadMapper.Describe(Agreed, Agreed with { Phone = null }));
        Assert.Null(LeadMapper.Describe(Agreed, Agreed));
        Assert.Equal("First name: Ada → ∅\nLast name: Lovelace → Byron", LeadMapper.Describe(Agreed, Agreed with { FirstName = null, LastName = "Byron" }));
    }

    [Fact] // issue 15.2: a conflict row says both sides per field, even when the merge left the lead's values as they were
    public void Describe_merge_gives_each_conflict_its_agreed_local_and_zoho_values_and_outcome_then_the_other_changes()
    {
        var held = new FieldConflict("Phone", "555-0000", "555-1111", "555-2222", ConflictResolution.Pending);

        Assert.Equal(
            "Phone: changed on both sides · agreed 555-0000 · LeadSync 555-1111 · Zoho 555-2222 · held for an admin (Manual policy)",
            LeadMapper.DescribeMerge(Agreed, Agreed, [held], ConflictPolicy.Manual));
        Assert.Equal(
            "Phone: changed on both sides · agreed 555-0000 · LeadSync 555-1111 · Zoho 555-2222 · Zoho's value won (Zoho wins policy)\n"
            + "Company: Engines → Zoho Co",
            LeadMapper.DescribeMerge(
                Agreed with { Phone = "555-1111" }, Agreed with { Phone = "555-2222", Company = "Zoho Co" },
                [held with { Resolution = ConflictResolution.Zoho }], ConflictPolicy.ZohoWins));
        Assert.EndsWith(
            "LeadSync ∅ · Zoho Analytical · LeadSync's value won (newest wins policy)",
            LeadMapper.DescribeConflict(new FieldConflict("Company", "Engines", null, "Analytical", ConflictResolution.Local), ConflictPolicy.NewestWins),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_resolution_names_the_side_that_won_and_the_value_the_other_side_takes()
    {
        Assert.Equal("Phone: LeadSync's value won · Zoho 555-2222 → 555-1111", LeadMapper.DescribeResolution("Phone", ConflictSide.Local, "555-1111", "555-2222"));
        Assert.Equal("Phone: Zoho's value won · LeadSync 555-1111 → ∅", LeadMapper.DescribeResolution("Phone", ConflictSide.Zoho, "555-1111", null));
    }

    [Fact]
    public void Change_lines_are_one_per_field_and_none_for_no_description()
    {
        Assert.Equal(["Phone: 555-0000 → ∅", "Company: Engines → X"], LeadMapper.ChangeLines(LeadMapper.Describe(Agreed, Agreed with { Phone = null, Company = "X" })));
        Assert.Empty(LeadMapper.ChangeLines(null));
    }

    [Fact]
    public void The_list_call_asks_for_exactly_the_synced_fields_by_their_zoho_names()
    {
        Assert.Equal(
            ["First_Name", "Last_Name", "Email", "Phone", "Lead_Status", "Company", "Modified_Time", "Created_Time"],
            ZohoLead.ApiFields);
    }

    [Fact] // §2.11: a create sends only the values of mapped fields that push; a lead whose every value pushes keeps its own
    public void A_create_sends_only_the_extra_values_of_fields_that_push()
    {
        var extras = new ExtraFieldSet(
        [
            Field("Industry", FieldSyncDirection.BothWays),
            Field("Rating", FieldSyncDirection.ZohoToLeadSync),
            Field("Website", FieldSyncDirection.LeadSyncToZoho),
            Field("Budget__c", FieldSyncDirection.BothWays) with { Problem = "Zoho deleted the field." },
            Field("Score__c", FieldSyncDirection.BothWays) with { Definition = Field("Score__c", FieldSyncDirection.BothWays).Definition with { ReadOnly = true } },
        ]);
        var pushing = Values(("Industry", "Banking"), ("Website", "https://a.example"));
        var mixed = Values(("Budget__c", "10"), ("Industry", "Banking"), ("Rating", "Hot"), ("Score__c", "9"), ("Unmapped__c", "x"), ("Website", "https://a.example"));

        Assert.Same(pushing, LeadMapper.ToZoho(Agreed with { Extra = pushing }, null, extras).Extra);
        Assert.Equal(pushing, LeadMapper.ToZoho(Agreed with { Extra = mixed }, null, extras).Extra);
        Assert.Equal(Values(("Industry", "Banking")), LeadMapper.ToZoho(Agreed with { Extra = Values(("Aaa__c", "first"), ("Industry", "Banking")) }, null, extras).Extra);
        Assert.Equal(LeadFieldValues.Empty, LeadMapper.ToZoho(Agreed with { Extra = Values(("Zzz__c", "last")) }, null, extras).Extra);

        static MappedField Field(string name, FieldSyncDirection direction) =>
            new(new ZohoFieldDefinition { ApiName = name, Label = name, Type = ZohoFieldType.Text, DataType = "text" }, direction);

        static LeadFieldValues Values(params (string Name, string Value)[] values) =>
            LeadFieldValues.From(values.Select(v => new KeyValuePair<string, FieldValue?>(v.Name, FieldValue.Text(v.Value))));
    }
}
