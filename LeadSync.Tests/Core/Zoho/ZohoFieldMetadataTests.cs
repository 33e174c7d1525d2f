using LeadSync.Core.Fields;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>
/// The production client reads Zoho's Lead field metadata (docs/zoho §2.12) over real HTTP from the sandbox: every
/// data type LeadSync tells apart, lengths, picklists without <c>-None-</c>, the flags, one credit per read, and what
/// a Zoho admin changed since.
/// </summary>
public sealed class ZohoFieldMetadataTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();
    private ZohoTestClient zoho = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        zoho = app.CreateZohoClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        zoho.Dispose();
        await app.DisposeAsync();
    }

    public static TheoryData<string, ZohoFieldType, string, int?> EveryKind => new()
    {
        { "First_Name", ZohoFieldType.Text, "text", 40 },
        { "Description", ZohoFieldType.TextArea, "textarea", 32000 },
        { "Email", ZohoFieldType.Email, "email", 100 },
        { "Mobile", ZohoFieldType.Phone, "phone", 30 },
        { "Website", ZohoFieldType.Website, "website", 255 },
        { "Region__c", ZohoFieldType.Picklist, "picklist", null },
        { "Product_Interest__c", ZohoFieldType.MultiSelectPicklist, "multiselectpicklist", null },
        { "Seats__c", ZohoFieldType.WholeNumber, "integer", 9 },
        { "Budget__c", ZohoFieldType.Currency, "currency", 16 },
        { "Next_Call__c", ZohoFieldType.Date, "date", null },
        { "Demo_At__c", ZohoFieldType.DateTime, "datetime", null },
        { "Is_Partner__c", ZohoFieldType.Boolean, "boolean", null },
        { "Owner", ZohoFieldType.OwnerLookup, "ownerlookup", null },
        { "Lead_Score__c", ZohoFieldType.Unsupported, "formula", null },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task Every_kind_of_field_is_read_with_its_type_and_length(string apiName, ZohoFieldType type, string dataType, int? length)
    {
        var fields = await zoho.Client.GetLeadFieldsAsync(Ct);

        var field = Assert.Single(fields, f => f.ApiName == apiName);
        Assert.Equal(type, field.Type);
        Assert.Equal(dataType, field.DataType);
        Assert.Equal(length, field.MaxLength);
    }

    [Fact]
    public async Task Labels_picklists_and_flags_are_read_as_zoho_sends_them()
    {
        var fields = await zoho.Client.GetLeadFieldsAsync(Ct);

        Assert.Equal("Title", fields.Single(f => f.ApiName == "Designation").Label);
        Assert.Equal(["EMEA", "North America", "LATAM", "APAC"], fields.Single(f => f.ApiName == "Region__c").PicklistValues);
        Assert.DoesNotContain("-None-", fields.Single(f => f.ApiName == "Rating").PicklistValues);
        Assert.True(fields.Single(f => f.ApiName == "Last_Name").Mandatory);
        Assert.False(fields.Single(f => f.ApiName == "Company").Mandatory);
        Assert.True(fields.Single(f => f.ApiName == "Modified_Time").ReadOnly);
        Assert.False(fields.Single(f => f.ApiName == "Modified_Time").Writable);
        Assert.True(fields.Single(f => f.ApiName == "Budget__c").Custom);
        Assert.False(fields.Single(f => f.ApiName == "Industry").Custom);
        Assert.False(fields.Single(f => f.ApiName == "Owner").Writable); // a lookup is never written by LeadSync
        Assert.Contains(fields, f => f.ApiName == "Lead_Source");
    }

    [Fact]
    public async Task A_read_costs_one_credit_on_the_settings_fields_endpoint()
    {
        zoho.Observer.Clear();

        await zoho.Client.GetLeadFieldsAsync(Ct);

        var call = Assert.Single(zoho.Observer.ApiCalls);
        Assert.EndsWith("/crm/v8/settings/fields", call.Path, StringComparison.Ordinal);
        Assert.Equal(1, call.Credits);
    }

    [Fact]
    public async Task What_a_zoho_admin_changed_is_what_the_next_read_returns()
    {
        var fields = app.Sandbox.Fields;
        await fields.AddAsync(new SandboxFieldEdit { Label = "Renewal Date", DataType = "date" }, Ct);
        await fields.UpdateAsync("Region__c", new SandboxFieldEdit { Label = "Sales Region", PicklistValues = ["EMEA", "APAC", "India"] }, Ct);
        await fields.DeleteAsync("Notes__c", Ct);

        var read = await zoho.Client.GetLeadFieldsAsync(Ct);

        var added = Assert.Single(read, f => f.ApiName == "Renewal_Date__c");
        Assert.Equal((ZohoFieldType.Date, true), (added.Type, added.Custom));
        var region = Assert.Single(read, f => f.ApiName == "Region__c");
        Assert.Equal("Sales Region", region.Label);
        Assert.Equal(["EMEA", "APAC", "India"], region.PicklistValues);
        Assert.DoesNotContain(read, f => f.ApiName == "Notes__c");
    }
}
