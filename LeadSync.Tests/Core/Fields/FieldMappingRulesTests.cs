using LeadSync.Core.Fields;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// The pure rules of the mapping (docs/zoho §2.12): what Zoho changed under a mapping (the four cases), which
/// directions a field allows, and what a change will do and cost (§4.2) — without a host.
/// </summary>
public sealed class FieldMappingRulesTests
{
    private static readonly ZohoFieldDefinition Industry = new()
    {
        ApiName = "Industry", Label = "Industry", Type = ZohoFieldType.Picklist, DataType = "picklist", PicklistValues = ["Retail", "Banking", "Energy"],
    };

    private static readonly ZohoFieldDefinition Seats = new() { ApiName = "Seats__c", Label = "Seats", Type = ZohoFieldType.WholeNumber, DataType = "integer", Custom = true };

    private static readonly ZohoFieldDefinition Owner = new() { ApiName = "Owner", Label = "Lead Owner", Type = ZohoFieldType.OwnerLookup, DataType = "ownerlookup" };

    private static readonly ZohoFieldDefinition Modified = new() { ApiName = "Modified_Time", Label = "Modified Time", Type = ZohoFieldType.DateTime, DataType = "datetime", ReadOnly = true };

    private static readonly ZohoFieldDefinition Formula = new() { ApiName = "Score__c", Label = "Score", Type = ZohoFieldType.Unsupported, DataType = "formula" };

    private static FieldMetadata Metadata(params ZohoFieldDefinition[] fields) => new(fields, DateTimeOffset.UnixEpoch);

    [Fact]
    public void An_unchanged_field_has_no_problem()
    {
        Assert.Null(FieldChangeDetector.Detect(Industry, Industry with { Label = "Sector", PicklistValues = [.. Industry.PicklistValues, "Media"] }));
    }

    [Fact]
    public void A_deleted_field_is_a_problem_that_names_it()
    {
        Assert.Contains("Industry", FieldChangeDetector.Detect(Industry, null), StringComparison.Ordinal);
        Assert.Contains("deleted", FieldChangeDetector.Detect(Industry, null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_retyped_field_says_from_what_to_what()
    {
        var problem = FieldChangeDetector.Detect(Seats, Seats with { Type = ZohoFieldType.Text, DataType = "text" });

        Assert.Contains("from Number to Single line", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_picklist_value_is_named()
    {
        var problem = FieldChangeDetector.Detect(Industry, Industry with { PicklistValues = ["Retail", "Energy"] });

        Assert.Contains("removed the value \"Banking\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_made_mandatory_is_a_problem_and_one_mandatory_from_the_start_is_not()
    {
        Assert.Contains("mandatory", FieldChangeDetector.Detect(Seats, Seats with { Mandatory = true }), StringComparison.Ordinal);
        Assert.Null(FieldChangeDetector.Detect(Seats with { Mandatory = true }, Seats with { Mandatory = true }));
    }

    [Fact]
    public void A_field_with_a_problem_neither_pulls_nor_pushes()
    {
        var field = new MappedField(Industry, FieldSyncDirection.BothWays, "deleted");

        Assert.False(field.Pulls);
        Assert.False(field.Pushes);
    }

    [Fact]
    public void Writable_fields_go_any_way_lookups_and_read_only_only_from_zoho_and_unsupported_nowhere()
    {
        Assert.Equal(3, FieldMappingRules.AllowedDirections(Industry).Count);
        Assert.Equal([FieldSyncDirection.ZohoToLeadSync], FieldMappingRules.AllowedDirections(Owner));
        Assert.Equal([FieldSyncDirection.ZohoToLeadSync], FieldMappingRules.AllowedDirections(Modified));
        Assert.Empty(FieldMappingRules.AllowedDirections(Formula));
        Assert.Equal([FieldSyncDirection.BothWays], FieldMappingRules.AllowedDirections(Industry with { ApiName = "Email" }));
    }

    [Fact]
    public void A_new_pulled_field_is_backfilled_for_every_linked_lead_with_its_credits()
    {
        var plan = FieldMappingPlanner.Plan([], Metadata(Industry), [new("Industry", true)], 48_210);

        Assert.Equal(
            "Backfill Industry for 48,210 leads from Zoho: about 242 credits (one read of every linked lead, 1 credit per page of 200; a Bulk Read would cost 50).",
            Assert.Single(plan.Steps));
        Assert.Equal(["Industry"], plan.BackfillFields);
        Assert.Equal((242, 50), (plan.RecordApiCredits, plan.BulkReadCredits));
    }

    [Fact]
    public void Several_new_fields_share_one_backfill_and_a_push_only_field_reads_nothing()
    {
        var plan = FieldMappingPlanner.Plan([], Metadata(Industry, Seats, Owner), [
            new("Industry", true), new("Owner", true, FieldSyncDirection.ZohoToLeadSync), new("Seats__c", true, FieldSyncDirection.LeadSyncToZoho)], 450_000);

        Assert.StartsWith("Backfill Industry, Lead Owner for 450,000 leads from Zoho: about 2,250 credits", plan.Steps[0], StringComparison.Ordinal);
        Assert.EndsWith("a Bulk Read would cost 150).", plan.Steps[0], StringComparison.Ordinal);
        Assert.StartsWith("Send Seats (Seats__c) to Zoho from now on", plan.Steps[1], StringComparison.Ordinal);
        Assert.Equal(["Industry", "Owner"], plan.BackfillFields);
    }

    [Fact]
    public void Unmapping_and_turning_a_direction_say_what_happens_and_need_no_read_unless_pulls_start()
    {
        var current = new[] { new MappedField(Industry, FieldSyncDirection.LeadSyncToZoho), new MappedField(Seats, FieldSyncDirection.BothWays) };

        var plan = FieldMappingPlanner.Plan(current, Metadata(Industry, Seats), [new("Seats__c", false), new("Industry", true, FieldSyncDirection.BothWays)], 10);

        Assert.Equal(["Industry"], plan.BackfillFields);
        Assert.Contains(plan.Steps, s => s.StartsWith("Stop syncing Seats (Seats__c)", StringComparison.Ordinal));
        Assert.Contains(plan.Steps, s => s == "Sync Industry (Industry) Both ways instead of LeadSync → Zoho.");
    }

    [Fact]
    public void Nothing_changed_is_an_empty_plan()
    {
        var plan = FieldMappingPlanner.Plan([new MappedField(Industry, FieldSyncDirection.BothWays)], Metadata(Industry), [new("Industry", true)], 10);

        Assert.True(plan.IsEmpty);
    }

    public static TheoryData<string, bool, FieldSyncDirection, string> Refusals => new()
    {
        { "Owner", true, FieldSyncDirection.BothWays, "Owner cannot be written to Zoho" },
        { "Modified_Time", true, FieldSyncDirection.LeadSyncToZoho, "Modified_Time cannot be written to Zoho" },
        { "Score__c", true, FieldSyncDirection.ZohoToLeadSync, "Score__c is a formula field, a kind LeadSync cannot sync" },
        { "Email", false, FieldSyncDirection.BothWays, "Email is one of the six core fields" },
        { "Nope__c", true, FieldSyncDirection.BothWays, "Nope__c: Zoho's Lead metadata has no such field" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_change_that_cannot_be_stored_is_refused_naming_the_field_and_the_rule(string apiName, bool mapped, FieldSyncDirection direction, string message)
    {
        var metadata = Metadata(Industry, Owner, Modified, Formula, Industry with { ApiName = "Email", Label = "Email", Type = ZohoFieldType.Email, DataType = "email" });

        var refused = Assert.Throws<FieldMappingException>(() => FieldMappingPlanner.Plan([], metadata, [new(apiName, mapped, direction)], 1));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(apiName, refused.ApiName);
    }
}
