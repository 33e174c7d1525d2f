using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>Writes (§2.4 insert, §2.5 update, §2.6 upsert, §2.7 delete, §2.8 deleted list) and their §3 errors.</summary>
public sealed class SandboxWriteTests
{
    [Fact] // §2.4: 201 when every record succeeded; Email is not unique by default (§7.5)
    public async Task Insert_of_valid_leads_answers_201_and_allows_duplicate_emails()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads",
            SandboxHttp.Data(SandboxHttp.Lead("One", "same@example.com"), SandboxHttp.Lead("Two", "same@example.com")));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.All(body!["data"]!.AsArray(), item =>
        {
            Assert.Equal("SUCCESS", item!["code"]!.GetValue<string>());
            Assert.Equal("record added", item["message"]!.GetValue<string>());
            Assert.Matches(@"^\d{19}$", item["details"]!["id"]!.GetValue<string>());
        });
    }

    [Fact] // §2.4 / §3: 207 with per-record INVALID_DATA and MANDATORY_NOT_FOUND items in input order
    public async Task Insert_with_some_invalid_records_answers_207_with_record_level_errors()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(
            SandboxHttp.Lead("Good", "good@example.com"),
            SandboxHttp.Lead(new string('x', 81)),
            SandboxHttp.Lead("BadEmail", "not-an-email"),
            new JsonObject { ["First_Name"] = "NoLast" }));

        Assert.Equal((HttpStatusCode)207, status);
        var items = body!["data"]!.AsArray();
        Assert.Equal("success", items[0]!["status"]!.GetValue<string>());
        Assert.Equal("INVALID_DATA", items[1]!["code"]!.GetValue<string>());
        Assert.Equal(80, items[1]!["details"]!["maximum_length"]!.GetValue<int>());
        Assert.Equal("$.data[1].Last_Name", items[1]!["details"]!["json_path"]!.GetValue<string>());
        Assert.Equal("email", items[2]!["details"]!["expected_data_type"]!.GetValue<string>());
        Assert.Equal("Email", items[2]!["details"]!["api_name"]!.GetValue<string>());
        Assert.Equal("MANDATORY_NOT_FOUND", items[3]!["code"]!.GetValue<string>());
        Assert.Equal("Last_Name", items[3]!["details"]!["api_name"]!.GetValue<string>());
        var (_, list) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name");
        Assert.Single(list!["data"]!.AsArray());
    }

    [Fact] // §2.4: 400 when every record failed
    public async Task Insert_where_every_record_fails_answers_400()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads",
            SandboxHttp.Data(new JsonObject { ["Phone"] = "call me maybe", ["Last_Name"] = "P" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("phone", body!["data"]![0]!["details"]!["expected_data_type"]!.GetValue<string>());
    }

    [Fact] // §2.4 / §4.4: at most 100 records per call
    public async Task Insert_of_101_records_is_LIMIT_EXCEEDED()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads",
            SandboxHttp.Data([.. Enumerable.Range(0, 101).Select(i => SandboxHttp.Lead($"L{i}"))]));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("LIMIT_EXCEEDED", body!["code"]!.GetValue<string>());
    }

    [Fact] // §2.6: upsert matches on Email case-insensitively; action and duplicate_field per record
    public async Task Upsert_updates_the_lead_whose_email_matches_case_insensitively_and_inserts_the_rest()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var existing = (await sandbox.InsertAsync(SandboxHttp.Lead("Old", "Paul.Daly@Example.com")))[0];

        var body = SandboxHttp.Data(SandboxHttp.Lead("Updated", "paul.daly@example.com"), SandboxHttp.Lead("Brand New", "new@example.com"));
        body["duplicate_check_fields"] = new JsonArray("Email");
        var (status, result) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads/upsert", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = result!["data"]!.AsArray();
        Assert.Equal("update", items[0]!["action"]!.GetValue<string>());
        Assert.Equal("Email", items[0]!["duplicate_field"]!.GetValue<string>());
        Assert.Equal(existing, items[0]!["details"]!["id"]!.GetValue<string>());
        Assert.Equal("insert", items[1]!["action"]!.GetValue<string>());
        Assert.Null(items[1]!["duplicate_field"]);
        Assert.Equal("Updated", (await sandbox.GetLeadAsync(existing))!["Last_Name"]!.GetValue<string>());
    }

    [Fact] // §2.5: an unknown id fails with INVALID_DATA "the id given seems to be invalid"; nothing is created
    public async Task Update_of_an_unknown_id_is_INVALID_DATA_on_id()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Put, "crm/v8/Leads",
            SandboxHttp.Data(new JsonObject { ["id"] = "5725767999999999999", ["Last_Name"] = "Ghost" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var item = body!["data"]![0]!;
        Assert.Equal("INVALID_DATA", item["code"]!.GetValue<string>());
        Assert.Equal("the id given seems to be invalid", item["message"]!.GetValue<string>());
        Assert.Equal("id", item["details"]!["api_name"]!.GetValue<string>());
        using var list = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name");
        Assert.Equal(HttpStatusCode.NoContent, list.StatusCode);
    }

    [Fact] // §2.5 / §7.10: an update with identical values still bumps Modified_Time
    public async Task Update_with_identical_values_still_bumps_Modified_Time()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var id = (await sandbox.InsertAsync(SandboxHttp.Lead("Same", "same@example.com")))[0];
        var before = DateTimeOffset.Parse((await sandbox.GetLeadAsync(id))!["Modified_Time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(1100, SandboxHttp.Ct);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Put, "crm/v8/Leads",
            SandboxHttp.Data(new JsonObject { ["id"] = id, ["Last_Name"] = "Same", ["Email"] = "same@example.com" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("record updated", body!["data"]![0]!["message"]!.GetValue<string>());
        var after = DateTimeOffset.Parse((await sandbox.GetLeadAsync(id))!["Modified_Time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(after > before, $"Modified_Time {after:o} should be after {before:o}");
    }

    [Fact] // §2.7 and §2.8: delete, then the deleted list reports it; unknown ids are "record not deleted"
    public async Task Deleted_lead_appears_in_the_deleted_list_and_unknown_ids_are_not_deleted()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var id = (await sandbox.InsertAsync(SandboxHttp.Lead("Gone", "gone@example.com", "Soon")))[0];
        using (var none = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads/deleted?type=all"))
        {
            Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        }

        var (status, body) = await sandbox.CallAsync(HttpMethod.Delete, $"crm/v8/Leads?ids={id},5725767999999999999");
        var (_, deleted) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads/deleted?type=all");
        var (missingStatus, missing) = await sandbox.CallAsync(HttpMethod.Delete, "crm/v8/Leads");

        Assert.Equal((HttpStatusCode)207, status);
        Assert.Equal("record deleted", body!["data"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("record not deleted", body["data"]![1]!["message"]!.GetValue<string>());
        var entry = deleted!["data"]![0]!;
        Assert.Equal(id, entry["id"]!.GetValue<string>());
        Assert.Equal("recycle", entry["type"]!.GetValue<string>());
        Assert.Equal("Soon Gone", entry["display_name"]!.GetValue<string>());
        Assert.Null(await sandbox.GetLeadAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        Assert.Equal("REQUIRED_PARAM_MISSING", missing!["code"]!.GetValue<string>());
    }
}
