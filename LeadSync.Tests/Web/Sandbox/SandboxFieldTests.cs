using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// The sandbox keeps every Lead field a client writes (docs/zoho §2.12): extra fields are stored, returned on reads
/// and lists (<c>fields=</c> honoured), checked against the field metadata with Zoho's errors (§3), and follow what
/// a Zoho admin changes (deleted, made mandatory).
/// </summary>
public sealed class SandboxFieldTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();
    private SandboxHttp sandbox = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        sandbox = new SandboxHttp(app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        sandbox.Dispose();
        await app.DisposeAsync();
    }

    private static JsonObject Typed(string lastName) => new()
    {
        ["Last_Name"] = lastName,
        ["Email"] = $"{lastName.ToLowerInvariant()}@fields.example",
        ["Industry"] = "Large Enterprise",
        ["Annual_Revenue"] = 1250000.5,
        ["No_of_Employees"] = 420,
        ["Email_Opt_Out"] = true,
        ["Budget__c"] = 9999.99,
        ["Region__c"] = "EMEA",
        ["Product_Interest__c"] = new JsonArray("CRM", "Analytics"),
        ["Next_Call__c"] = "2026-12-24",
        ["Demo_At__c"] = "2026-12-24T10:30:00+01:00",
        ["Is_Partner__c"] = false,
        ["Seats__c"] = 25,
        ["Notes__c"] = "Line one\nLine two",
        ["Description"] = "A long text",
    };

    [Fact]
    public async Task Every_kind_of_extra_field_is_stored_and_read_back_as_sent()
    {
        var sent = Typed("Typed");
        var id = Assert.Single(await sandbox.InsertAsync(sent));

        var read = (await sandbox.GetLeadAsync(id))!;

        foreach (var (key, value) in sent)
        {
            Assert.True(JsonNode.DeepEquals(value, read[key]), $"{key}: sent {value?.ToJsonString()}, read {read[key]?.ToJsonString()}");
        }

        Assert.Null(read["Website"]); // a field never written is null, as Zoho returns it
    }

    [Fact]
    public async Task A_list_returns_the_extra_fields_it_asks_for_and_only_those()
    {
        await sandbox.InsertAsync(Typed("Listed"));

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name,Region__c,Seats__c");

        Assert.Equal(HttpStatusCode.OK, status);
        var record = body!["data"]![0]!.AsObject();
        Assert.Equal("EMEA", record["Region__c"]!.GetValue<string>());
        Assert.Equal(25, record["Seats__c"]!.GetValue<int>());
        Assert.False(record.ContainsKey("Budget__c"));
        Assert.False(record.ContainsKey("Industry"));
    }

    [Fact]
    public async Task An_update_changes_only_the_extra_fields_it_sends_and_a_null_clears_one()
    {
        var id = Assert.Single(await sandbox.InsertAsync(Typed("Partial")));

        var (status, _) = await sandbox.CallAsync(HttpMethod.Put, "crm/v8/Leads",
            SandboxHttp.Data(new JsonObject { ["id"] = id, ["Region__c"] = "APAC", ["Budget__c"] = null }));

        Assert.Equal(HttpStatusCode.OK, status);
        var read = (await sandbox.GetLeadAsync(id))!;
        Assert.Equal("APAC", read["Region__c"]!.GetValue<string>());
        Assert.Null(read["Budget__c"]);
        Assert.Equal(25, read["Seats__c"]!.GetValue<int>());
    }

    public static TheoryData<string, string, string, string?, int?> Refused => new()
    {
        { "a picklist value the field does not offer", "Region__c", "\"Mars\"", "picklist", null },
        { "a multi-select value it does not offer", "Product_Interest__c", "[\"CRM\",\"Toasters\"]", "multiselectpicklist", null },
        { "text for a number", "Seats__c", "\"many\"", "integer", null },
        { "a fraction for a whole number", "Seats__c", "2.5", "integer", null },
        { "a number for a checkbox", "Is_Partner__c", "1", "boolean", null },
        { "a date in another format", "Next_Call__c", "\"24/12/2026\"", "date", null },
        { "a date-time without offset", "Demo_At__c", "\"2026-12-24 10:30\"", "datetime", null },
        { "text for a currency", "Budget__c", "\"lots\"", "currency", null },
        { "long text past its length", "Notes__c", "\"" + new string('x', 2001) + "\"", null, 2000 },
        { "a number with too many digits", "Seats__c", "1234567890", null, 9 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_value_that_breaks_its_fields_rules_is_refused_with_zohos_error_and_nothing_is_stored(
        string what, string apiName, string json, string? expectedType, int? maximumLength)
    {
        var record = new JsonObject { ["Last_Name"] = "Refused", ["Email"] = $"refused.{Guid.NewGuid():N}@fields.example", [apiName] = JsonNode.Parse(json) };
        var before = sandbox.Control.State().Leads;

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(record));

        Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {(int)status} {body}");
        var item = body!["data"]![0]!;
        Assert.Equal("INVALID_DATA", item["code"]!.GetValue<string>());
        Assert.Equal(apiName, item["details"]!["api_name"]!.GetValue<string>());
        Assert.Equal($"$.data[0].{apiName}", item["details"]!["json_path"]!.GetValue<string>());
        Assert.Equal(expectedType, item["details"]!["expected_data_type"]?.GetValue<string>());
        Assert.Equal(maximumLength, item["details"]!["maximum_length"]?.GetValue<int>());
        Assert.Equal(before, sandbox.Control.State().Leads);
    }

    [Fact]
    public async Task Text_at_its_length_is_kept_however_the_caller_escaped_it_and_one_character_more_is_refused()
    {
        // Notes__c holds 2,000 characters (docs/zoho §2.12), counted in characters of the value: not in the bytes of the
        // JSON text, where each "é" is sent as \u00E9 and each line break and quote as an escape.
        var atLimit = string.Concat(Enumerable.Repeat("é\n\"", 666)) + "ab";
        Assert.Equal(2000, atLimit.Length);
        var record = new JsonObject { ["Last_Name"] = "Escaped", ["Email"] = "escaped@fields.example", ["Notes__c"] = atLimit };
        Assert.Contains("\\u00E9", record.ToJsonString(), StringComparison.Ordinal);

        var id = Assert.Single(await sandbox.InsertAsync(record));
        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(new JsonObject
        {
            ["Last_Name"] = "Escaped", ["Email"] = "escaped.more@fields.example", ["Notes__c"] = atLimit + "é",
        }));

        Assert.Equal(atLimit, (await sandbox.GetLeadAsync(id))!["Notes__c"]!.GetValue<string>());
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
        Assert.Equal(2000, body!["data"]![0]!["details"]!["maximum_length"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_and_read_only_fields_are_ignored_as_zoho_ignores_them()
    {
        var record = new JsonObject { ["Last_Name"] = "Ignored", ["No_Such_Field__c"] = "x", ["Lead_Score__c"] = 5, ["Created_Time"] = "2001-01-01T00:00:00+00:00" };
        var id = Assert.Single(await sandbox.InsertAsync(record));

        var read = (await sandbox.GetLeadAsync(id))!;

        Assert.False(read.ContainsKey("No_Such_Field__c"));
        Assert.False(read.ContainsKey("Lead_Score__c"));
        Assert.NotEqual("2001-01-01T00:00:00+00:00", read["Created_Time"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_made_mandatory_refuses_an_insert_without_it_and_an_update_clearing_it()
    {
        var id = Assert.Single(await sandbox.InsertAsync(Typed("Before")));
        await sandbox.Control.Fields.UpdateAsync("Region__c", new SandboxFieldEdit { Mandatory = true }, Ct);

        var (insertStatus, inserted) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(SandboxHttp.Lead("Without")));
        var (clearStatus, cleared) = await sandbox.CallAsync(HttpMethod.Put, "crm/v8/Leads", SandboxHttp.Data(new JsonObject { ["id"] = id, ["Region__c"] = null }));
        var (otherStatus, _) = await sandbox.CallAsync(HttpMethod.Put, "crm/v8/Leads", SandboxHttp.Data(new JsonObject { ["id"] = id, ["Seats__c"] = 30 }));

        Assert.Equal(HttpStatusCode.BadRequest, insertStatus);
        Assert.Equal("MANDATORY_NOT_FOUND", inserted!["data"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("Region__c", inserted["data"]![0]!["details"]!["api_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, clearStatus);
        Assert.Equal("MANDATORY_NOT_FOUND", cleared!["data"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, otherStatus); // an update that leaves the field alone is not refused
    }

    [Fact]
    public async Task A_deleted_field_is_no_longer_returned_nor_stored()
    {
        var id = Assert.Single(await sandbox.InsertAsync(Typed("Deleted")));
        await sandbox.Control.Fields.DeleteAsync("Budget__c", Ct);

        await sandbox.CallAsync(HttpMethod.Put, "crm/v8/Leads", SandboxHttp.Data(new JsonObject { ["id"] = id, ["Budget__c"] = 5 }));
        var read = (await sandbox.GetLeadAsync(id))!;

        Assert.False(read.ContainsKey("Budget__c"));
        Assert.Equal("EMEA", read["Region__c"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_removed_picklist_value_is_refused_on_the_next_write()
    {
        await sandbox.Control.Fields.UpdateAsync("Region__c", new SandboxFieldEdit { PicklistValues = ["North America", "LATAM", "APAC"] }, Ct);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(Typed("Emea")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Region__c", body!["data"]![0]!["details"]!["api_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Extra_values_survive_a_restart_of_the_sandbox()
    {
        var id = Assert.Single(await sandbox.InsertAsync(Typed("Kept")));

        await sandbox.Control.Leads.Store.LoadAsync(Ct);
        await sandbox.Control.Fields.LoadAsync(Ct);

        var read = (await sandbox.GetLeadAsync(id))!;
        Assert.Equal(new JsonArray("CRM", "Analytics").ToJsonString(), read["Product_Interest__c"]!.ToJsonString());
    }

    [Theory]
    [InlineData("", "REQUIRED_PARAM_MISSING", "param_name")]
    [InlineData("?module=Deals", "INVALID_MODULE", "resource_path_index")]
    public async Task The_metadata_endpoint_needs_the_leads_module(string query, string code, string detail)
    {
        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/settings/fields" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body!["code"]!.GetValue<string>());
        Assert.NotNull(body["details"]![detail]);
    }

    [Fact]
    public async Task The_metadata_is_served_in_zohos_shape_with_none_first_in_picklists()
    {
        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/settings/fields?module=Leads");

        Assert.Equal(HttpStatusCode.OK, status);
        var region = body!["fields"]!.AsArray().Single(f => f!["api_name"]!.GetValue<string>() == "Region__c")!;
        Assert.Equal("picklist", region["data_type"]!.GetValue<string>());
        Assert.True(region["custom_field"]!.GetValue<bool>());
        Assert.Equal("-None-", region["pick_list_values"]![0]!["display_value"]!.GetValue<string>());
        Assert.Equal("EMEA", region["pick_list_values"]![1]!["actual_value"]!.GetValue<string>());
    }
}
