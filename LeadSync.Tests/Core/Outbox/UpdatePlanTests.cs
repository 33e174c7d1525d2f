using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>The decision of how updates go out, against Zoho's current records (no host: a pure rule).</summary>
public sealed class UpdatePlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly LeadFields Agreed = new("Ada", "Lovelace", "ada@example.com", "+1 555 0601", "Contacted", "Original Co");

    private static ClaimedEntry Claim(string zohoId, LeadFields fields, LeadFields? agreed) =>
        new(1, Guid.NewGuid(), OutboxOperation.Upsert, zohoId, 1, fields, agreed, zohoId);

    private static ZohoLead Zoho(string id, LeadFields fields, DateTimeOffset modified) =>
        LeadSync.Core.Sync.LeadMapper.ToZoho(fields, id) with { ModifiedTime = modified };

    [Fact]
    public void A_record_Zoho_changed_since_the_agreed_values_is_merged_not_sent()
    {
        var claim = Claim("1", Agreed with { Company = "Local Edit Co" }, Agreed);

        var plan = UpdatePlan.Make([claim], [Zoho("1", Agreed with { Company = "Zoho Edit Co" }, T0)]);

        Assert.Empty(plan.Send);
        Assert.Equal("Zoho Edit Co", Assert.Single(plan.ChangedInZoho).Current.Company);
    }

    [Fact]
    public void A_record_Zoho_holds_as_agreed_is_sent_with_only_the_changed_fields_under_the_newest_modified_time()
    {
        var a = Claim("1", Agreed with { Company = "Local Edit Co" }, Agreed);
        var b = Claim("2", Agreed with { Phone = "+1 555 0700", Email = "ADA@example.com" }, Agreed);

        var plan = UpdatePlan.Make([a, b], [Zoho("1", Agreed, T0), Zoho("2", Agreed, T0.AddSeconds(7))]);

        Assert.Empty(plan.ChangedInZoho);
        Assert.Equal(["Company"], plan.Send[0].Record.OnlyFields!.Order());
        Assert.Equal(["Email", "Phone"], plan.Send[1].Record.OnlyFields!.Order());
        Assert.Equal(T0.AddSeconds(7), plan.UnmodifiedSince);
    }

    [Fact]
    public void A_newer_modified_time_with_the_same_synced_values_is_no_conflict()
    {
        // Someone edited a field LeadSync does not sync: Modified_Time moved, our six fields did not.
        var claim = Claim("1", Agreed with { Company = "Local Edit Co" }, Agreed);

        var plan = UpdatePlan.Make([claim], [Zoho("1", Agreed, T0.AddHours(3))]);

        Assert.Single(plan.Send);
        Assert.Equal(T0.AddHours(3), plan.UnmodifiedSince);
    }

    [Fact]
    public void A_record_Zoho_no_longer_has_is_sent_so_Zoho_says_so()
    {
        var claim = Claim("404", Agreed with { Company = "Local Edit Co" }, Agreed);

        var plan = UpdatePlan.Make([claim], []);

        Assert.Single(plan.Send);
        Assert.Empty(plan.ChangedInZoho);
        Assert.Null(plan.UnmodifiedSince);
    }

    [Fact]
    public void A_case_only_email_change_is_a_change_and_goes_alone()
    {
        var claim = Claim("1", Agreed with { Email = "Ada@Example.com" }, Agreed);

        Assert.False(UpdatePlan.NothingToSend(claim));
        var plan = UpdatePlan.Make([claim], [Zoho("1", Agreed, T0)]);
        Assert.Equal(["Email"], plan.Send.Single().Record.OnlyFields!);
    }

    [Fact]
    public void A_Zoho_copy_that_breaks_the_field_rules_is_replaced_whole_by_the_leads_values()
    {
        var claim = Claim("1", Agreed, Agreed) with { RepairsZohoCopy = true };

        var plan = UpdatePlan.Make([claim], [Zoho("1", Agreed with { Email = "ada@@example.com" }, T0)]);

        Assert.False(UpdatePlan.NothingToSend(claim));
        Assert.Empty(plan.ChangedInZoho);
        var sent = Assert.Single(plan.Send).Record;
        Assert.Null(sent.OnlyFields);
        Assert.Equal("ada@example.com", sent.Email);
    }

    [Fact]
    public void A_repair_of_a_copy_Zoho_already_holds_as_agreed_writes_nothing()
    {
        var claim = Claim("1", Agreed, Agreed) with { RepairsZohoCopy = true };

        var plan = UpdatePlan.Make([claim], [Zoho("1", Agreed, T0)]);

        Assert.Empty(plan.Send);
        Assert.Single(plan.Unchanged);
    }

    [Fact]
    public void A_lead_holding_the_agreed_values_has_nothing_to_send()
    {
        Assert.True(UpdatePlan.NothingToSend(Claim("1", Agreed, Agreed)));
        Assert.False(UpdatePlan.NothingToSend(Claim("1", Agreed, null)));
        Assert.Throws<InvalidOperationException>(() => LeadSync.Core.Sync.LeadMapper.ToZohoUpdate(Agreed, Agreed, "1"));
    }
}
