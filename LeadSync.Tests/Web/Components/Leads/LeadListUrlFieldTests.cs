using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>
/// Extra-field filters and sorts in the Leads page's address: a link reproduces the view (one canonical form, read back
/// to the same filters), a bad filter is reported naming the field and the rule while the rest applies, and a field
/// that is no longer mapped drops out without an error page.
/// </summary>
public sealed class LeadListUrlFieldTests
{
    private readonly IReadOnlyList<MappedField> mapped = new SampleMappedFields().Fields;

    private static LeadListQuery Query(string[]? fields = null, string? fieldSort = null, string? dir = null) =>
        new(null, null, null, null, dir, null, null, fields, fieldSort);

    [Fact]
    public void Every_kind_of_extra_field_filter_and_an_extra_sort_go_into_the_address_and_come_back()
    {
        string[] fields =
        [
            "Industry:Retail", "Industry:Healthcare", "Annual_Revenue:1000..250000.5", "No_of_Employees:..50",
            "Interests__c:CRM", "Follow_Up__c:2026-12-01..2026-12-31", "Last_Demo__c:2026-12-03..", "Email_Opt_Out:empty",
            "Designation:chief & co",
        ];
        var view = LeadListUrl.Parse(Query(fields, "Annual_Revenue", "asc"), mapped);

        var url = LeadListUrl.For(view);

        Assert.Empty(view.Problems);
        Assert.Equal(
            "/leads?f=Annual_Revenue%3A1000..250000.5&f=Designation%3Achief%20%26%20co&f=Email_Opt_Out%3Aempty"
            + "&f=Follow_Up__c%3A2026-12-01..2026-12-31&f=Industry%3ARetail&f=Industry%3AHealthcare&f=Interests__c%3ACRM"
            + "&f=Last_Demo__c%3A2026-12-03..&f=No_of_Employees%3A..50&fsort=Annual_Revenue&dir=asc",
            url);
        var query = new Uri("http://x" + url).Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToList();
        var back = LeadListUrl.Parse(
            Query([.. query.Where(p => p[0] == "f").Select(p => Uri.UnescapeDataString(p[1]))], "Annual_Revenue", "asc"), mapped);
        Assert.Equal(url, LeadListUrl.For(back));
        Assert.Equal(new FieldSort("Annual_Revenue", ZohoFieldType.Currency), back.SortByField);
        Assert.False(back.Descending);
        var revenue = back.Filter.Fields!.Single(f => f.ApiName == "Annual_Revenue");
        Assert.Equal((1000m, 250000.5m), (revenue.Min, revenue.Max));
        Assert.Equal(["Retail", "Healthcare"], back.Filter.Fields!.Single(f => f.ApiName == "Industry").Values);
        Assert.Equal(BooleanChoice.Empty, back.Filter.Fields!.Single(f => f.ApiName == "Email_Opt_Out").Choice);
        Assert.Equal("chief & co", back.Filter.Fields!.Single(f => f.ApiName == "Designation").Text);
    }

    [Theory]
    [InlineData("Annual_Revenue:abc", "Annual_Revenue", "type", "Annual Revenue (Annual_Revenue): “abc” is not a number")]
    [InlineData("Annual_Revenue:500..100", "Annual_Revenue", "range", "Annual Revenue (Annual_Revenue): the lowest value (500) is above the highest (100)")]
    [InlineData("Follow_Up__c:24/12/2026", "Follow_Up__c", "type", "Follow-up date (Follow_Up__c): “24/12/2026” is not a date")]
    [InlineData("Industry:Mining", "Industry", "picklist", "Industry (Industry): “Mining” is not one of Zoho's values (Retail, Manufacturing, Healthcare)")]
    [InlineData("Interests__c:CRM'--", "Interests__c", "picklist", "Interests (Interests__c): “CRM'--” is not one of Zoho's values")]
    [InlineData("Email_Opt_Out:maybe", "Email_Opt_Out", "type", "Email Opt Out (Email_Opt_Out): “maybe” is not yes, no or empty")]
    [InlineData("Email_Opt_Out:1", "Email_Opt_Out", "type", "is not yes, no or empty")]
    [InlineData("Nope__c:1", "Nope__c", FieldFilterText.UnknownField, "Filter on “Nope__c”: no mapped field that can be filtered has this API name")]
    [InlineData("Owner:Ada", "Owner", FieldFilterText.UnknownField, "no mapped field that can be filtered")]
    [InlineData("\"; DROP TABLE \"Leads\"; --:1", "\"; DROP TABLE \"Leads\"; --", FieldFilterText.UnknownField, "no mapped field")]
    public void A_filter_that_does_not_fit_its_field_is_reported_by_field_and_rule_and_the_others_still_apply(
        string bad, string field, string rule, string message)
    {
        var withOwner = mapped.Append(new MappedField(SampleMappedFields.Owner, FieldSyncDirection.ZohoToLeadSync)).ToList();

        var view = LeadListUrl.Parse(Query([bad, "Industry:Retail"]), withOwner);

        var problem = Assert.Single(view.Problems);
        Assert.Equal((field, rule), (problem.Field, problem.Rule));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        // A picklist's values are one filter: a bad one refuses that field's filter; any other field's filter still applies.
        string[] kept = bad.StartsWith("Industry", StringComparison.Ordinal) ? [] : ["Industry"];
        Assert.Equal(kept, (view.Filter.Fields ?? []).Select(f => f.ApiName));
        Assert.DoesNotContain(bad.Split(':')[0] + "%3A", LeadListUrl.For(view), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sort_or_filter_on_a_field_no_longer_mapped_drops_out_and_the_page_still_opens()
    {
        var view = LeadListUrl.Parse(Query(["Score__c:1..2"], "Score__c", "desc"), [.. mapped.Where(f => f.ApiName != "Score__c")]);

        Assert.Null(view.SortByField);
        Assert.Null(view.Filter.Fields);
        Assert.Equal("Score__c", Assert.Single(view.Problems).Field);
        Assert.Equal("/leads", LeadListUrl.For(view));
    }

    [Fact]
    public void The_field_errors_quick_filter_goes_into_the_address_and_comes_back()
    {
        var view = LeadListView.Default.WithFilter(new LeadFilter { HasFieldErrors = true });

        var url = LeadListUrl.For(view);
        var back = LeadListUrl.Parse(new LeadListQuery(null, null, null, null, null, null, null, FieldErrors: "true"), mapped);

        Assert.Equal("/leads?fielderrors=true", url);
        Assert.True(back.Filter.HasFieldErrors);
        Assert.Null(LeadListUrl.Parse(new LeadListQuery(null, null, null, null, null, null, null, FieldErrors: "maybe"), mapped).Filter.HasFieldErrors);
    }

    [Fact]
    public void A_filter_without_a_field_name_and_colon_is_reported_and_the_others_still_apply()
    {
        var view = LeadListUrl.Parse(Query(["Industry", "Industry:Retail"]), mapped);

        var problem = Assert.Single(view.Problems);
        Assert.Equal(("Industry", ValidationRules.Format), (problem.Field, problem.Rule));
        Assert.Equal(["Industry"], (view.Filter.Fields ?? []).Select(f => f.ApiName));
    }
}
