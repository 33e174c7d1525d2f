using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Tests.Core.Sync.Merge;

/// <summary>The three-way merge as a pure rule: no host, no Zoho, no database (docs/decisions/0005, the interleaving table).</summary>
public sealed class ConflictResolverTests
{
    private static readonly LeadFields Agreed = new("Ada", "Lovelace", "ada@example.com", "555-0000", "Contacted", "Base Co");

    [Theory]
    [InlineData(ConflictPolicy.ZohoWins, "555-2222", ConflictResolution.Zoho)]
    [InlineData(ConflictPolicy.LocalWins, "555-1111", ConflictResolution.Local)]
    [InlineData(ConflictPolicy.Manual, "555-1111", ConflictResolution.Pending)]
    public void A_field_changed_differently_on_both_sides_follows_the_policy_and_is_recorded(ConflictPolicy policy, string mergedPhone, ConflictResolution resolution)
    {
        var result = ConflictResolver.Merge(Agreed with { Phone = "555-1111" }, Agreed, Agreed with { Phone = "555-2222" }, policy, localIsNewer: false);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("Phone", "555-0000", "555-1111", "555-2222", resolution), (conflict.Field, conflict.AgreedValue, conflict.LocalValue, conflict.ZohoValue, conflict.Resolution));
        Assert.Equal(mergedPhone, result.Merged.Phone);
        Assert.Equal(policy == ConflictPolicy.Manual, result.Held);
        Assert.Equal(policy == ConflictPolicy.Manual ? "555-0000" : "555-2222", result.Agreed.Phone); // a held field keeps its base
    }

    [Theory]
    [InlineData(true, "555-1111", ConflictResolution.Local)]
    [InlineData(false, "555-2222", ConflictResolution.Zoho)]
    public void Newest_wins_takes_the_side_edited_last(bool localIsNewer, string phone, ConflictResolution resolution)
    {
        var result = ConflictResolver.Merge(Agreed with { Phone = "555-1111" }, Agreed, Agreed with { Phone = "555-2222" }, ConflictPolicy.NewestWins, localIsNewer);

        Assert.Equal((phone, resolution), (result.Merged.Phone, Assert.Single(result.Conflicts).Resolution));
    }

    [Fact]
    public void One_sided_changes_on_different_fields_merge_without_a_conflict()
    {
        var result = ConflictResolver.Merge(Agreed with { Company = "Local Co" }, Agreed, Agreed with { Phone = "555-9999" }, ConflictPolicy.Manual, false);

        Assert.Empty(result.Conflicts);
        Assert.Equal(("Local Co", "555-9999"), (result.Merged.Company, result.Merged.Phone));
    }

    [Fact]
    public void Both_sides_changing_a_field_to_the_same_value_agree_without_a_conflict()
    {
        var result = ConflictResolver.Merge(Agreed with { Status = "Junk Lead" }, Agreed, Agreed with { Status = "Junk Lead" }, ConflictPolicy.Manual, false);

        Assert.Empty(result.Conflicts);
        Assert.Equal("Junk Lead", result.Merged.Status);
    }

    [Fact]
    public void A_case_only_email_change_on_one_side_is_an_edit_that_wins_without_a_conflict()
    {
        var result = ConflictResolver.Merge(Agreed, Agreed, Agreed with { Email = "Ada@Example.com" }, ConflictPolicy.LocalWins, false);

        Assert.Empty(result.Conflicts);
        Assert.Equal("Ada@Example.com", result.Merged.Email);
    }

    [Fact]
    public void Without_agreed_values_every_differing_field_is_a_two_sided_change()
    {
        var result = ConflictResolver.Merge(Agreed with { Company = "Here Co" }, null, Agreed with { Company = "There Co" }, ConflictPolicy.ZohoWins, false);

        Assert.Equal("There Co", result.Merged.Company);
        Assert.Equal("Company", Assert.Single(result.Conflicts).Field);
    }
}
