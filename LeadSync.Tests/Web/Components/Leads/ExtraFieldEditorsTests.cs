using Bunit;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>The lead dialog's typed editors for mapped extra fields, reading and checking with Core's codec and rules.</summary>
public sealed class ExtraFieldEditorsTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();
    private readonly SampleMappedFields mapped = new();
    private readonly List<LeadFieldValues> changes = [];
    private readonly List<bool> invalid = [];

    public ValueTask InitializeAsync()
    {
        ctx.Services.AddSingleton<IMappedFields>(mapped);
        return new(ctx.InitializeAsync());
    }

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private IRenderedComponent<ExtraFieldEditors> Render(LeadFieldValues values) => ctx.Render<ExtraFieldEditors>(p => p
        .Add(x => x.Values, values)
        .Add(x => x.ValuesChanged, v => changes.Add(v))
        .Add(x => x.InvalidChanged, v => invalid.Add(v)));

    private static string Field(IRenderedComponent<ExtraFieldEditors> editors, string apiName) =>
        editors.Find($"[data-testid=extra-{apiName}]").Closest(".mud-input-control")?.TextContent ?? string.Empty;

    [Fact]
    public void Each_kind_gets_its_editor_with_the_lead_s_value()
    {
        var editors = Render(LeadSync.Tests.Core.Fields.ExtraFieldsStorageTests.EveryKind);

        Assert.Equal("date", editors.Find("input[data-testid=extra-Follow_Up__c]").GetAttribute("type"));
        Assert.Equal("2026-12-24", editors.Find("input[data-testid=extra-Follow_Up__c]").GetAttribute("value"));
        Assert.Equal("datetime-local", editors.Find("input[data-testid=extra-Last_Demo__c]").GetAttribute("type"));
        Assert.Equal("2026-12-03T09:30", editors.Find("input[data-testid=extra-Last_Demo__c]").GetAttribute("value"));
        Assert.Equal("decimal", editors.Find("input[data-testid=extra-Annual_Revenue]").GetAttribute("inputmode"));
        Assert.Equal("numeric", editors.Find("input[data-testid=extra-No_of_Employees]").GetAttribute("inputmode"));
        Assert.Equal("1250000.5", editors.Find("input[data-testid=extra-Annual_Revenue]").GetAttribute("value"));
        Assert.NotNull(editors.Find("textarea[data-testid=extra-Description]"));
        Assert.Contains("3 / 20", Field(editors, "Designation"), StringComparison.Ordinal); // "CTO", Zoho's length 20
        Assert.Contains("Retail", editors.Find("[data-testid=extra-Industry]").Closest(".mud-select")!.TextContent, StringComparison.Ordinal);
        editors.WaitForAssertion(() => Assert.Contains("CRM, BI", editors.Find("[data-testid=extra-Interests__c]").Closest(".mud-select")!.InnerHtml, StringComparison.Ordinal));
        var optOut = editors.Find("input[type=checkbox][data-testid=extra-Email_Opt_Out], [data-testid=extra-Email_Opt_Out] input[type=checkbox]");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)optOut).IsChecked);
    }

    [Fact]
    public void A_value_that_is_not_of_its_kind_shows_Cores_message_and_is_not_passed_on()
    {
        var editors = Render(LeadFieldValues.Empty);

        editors.Find("input[data-testid=extra-Annual_Revenue]").Input("1,000");

        editors.WaitForAssertion(() => Assert.Contains("Annual Revenue must be a number (a dot before any decimals).", Field(editors, "Annual_Revenue"), StringComparison.Ordinal));
        Assert.Empty(changes);
        Assert.Equal([true], invalid);

        editors.Find("input[data-testid=extra-Annual_Revenue]").Input("1000.50");

        editors.WaitForAssertion(() => Assert.DoesNotContain("must be a number", Field(editors, "Annual_Revenue"), StringComparison.Ordinal));
        Assert.Equal(FieldValue.Number(1000.5m), Assert.Single(changes).Get("Annual_Revenue"));
        Assert.Equal([true, false], invalid);
    }

    [Fact]
    public void Text_over_zohos_length_shows_the_length_rule()
    {
        var editors = Render(LeadFieldValues.Empty);

        editors.Find("input[data-testid=extra-Designation]").Input(new string('x', 21));

        editors.WaitForAssertion(() => Assert.Contains("Title is at most 20 characters (this one has 21; Zoho counts UTF-16 units).", Field(editors, "Designation"), StringComparison.Ordinal));
        Assert.Empty(changes);
    }

    [Fact]
    public void A_date_time_from_the_browser_is_taken_as_utc_and_a_zoho_only_field_is_disabled_with_the_reason()
    {
        mapped.Map(SampleMappedFields.Industry, FieldSyncDirection.ZohoToLeadSync);
        var editors = Render(LeadFieldValues.Empty);

        editors.Find("input[data-testid=extra-Last_Demo__c]").Input("2026-12-05T14:45");

        Assert.Equal(FieldValue.Text("2026-12-05T14:45:00+00:00"), Assert.Single(changes).Get("Last_Demo__c"));
        Assert.Contains("From Zoho only", editors.Find("[data-testid=extra-Industry]").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.True(editors.Find("[data-testid=extra-Industry]").Closest(".mud-select")!.ClassList.Contains("mud-disabled")
            || editors.Find("[data-testid=extra-Industry]").Closest(".mud-input-control")!.InnerHtml.Contains("disabled", StringComparison.Ordinal));
    }
}
