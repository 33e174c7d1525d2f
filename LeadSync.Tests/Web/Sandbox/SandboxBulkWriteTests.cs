using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// Bulk Write jobs (docs/zoho §6.2): the states, per-row results with failed rows in a completed job, upsert by Email,
/// the record rules of §2 applied to each row, 500 credits per job, and refusals naming the field.
/// </summary>
public sealed class SandboxBulkWriteTests
{
    private const string Csv = "Last_Name,Email,Company\nAda,ada@example.com,\"Lovelace, Ltd\"\n,nolast@example.com,X\nGrace,grace@example.com,\"Navy \"\"Yard\"\"\"\n"
        + "\"Two\nLines\",lines@example.com,Zoë 李\n";

    [Fact]
    public async Task An_insert_job_goes_through_every_state_and_its_result_holds_each_rows_status_id_and_errors()
    {
        // Each state lasts a step; the test sees it by polling, so a step must outlast a status call on a busy machine
        // (at 150 ms a clean-clone run went from ADDED to IN PROGRESS between two polls).
        await using var app = new LeadSyncAppFactory().With("Sandbox:Bulk:StepMilliseconds", "1000");
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, Csv);
        var jobId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, SandboxBulkHttp.WriteJob(fileId, "insert", null, ("Last_Name", 0), ("Email", 1), ("Company", 2)));

        var (final, states) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/write/{jobId}");
        var rows = await SandboxBulkHttp.DownloadRowsAsync(sandbox, DownloadPath(final));

        Assert.Equal(["ADDED", "QUEUED", "IN PROGRESS", "COMPLETED"], states);
        var file = final["resource"]![0]!["file"]!;
        Assert.Equal(4, file["total_count"]!.GetValue<int>());
        Assert.Equal(2, file["added_count"]!.GetValue<int>());
        Assert.Equal(2, file["skipped_count"]!.GetValue<int>());
        Assert.Equal(["Last_Name", "Email", "Company", "STATUS", "RECORD_ID", "ERRORS"], rows[0]);
        Assert.Equal(["Ada", "ada@example.com", "Lovelace, Ltd", "ADDED"], rows[1][..4]);
        Assert.Equal(app.ZohoSingle("ada@example.com").Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[1][4]);
        Assert.Equal(["SKIPPED", "", "MANDATORY_NOT_FOUND-Last_Name"], rows[2][3..]);
        Assert.Equal("Navy \"Yard\"", rows[3][2]);
        Assert.Equal(["Two\nLines", "lines@example.com", "Zoë 李", "SKIPPED", "", "INVALID_DATA-Last_Name"], rows[4]); // §2.11: no control characters
        Assert.Empty(app.ZohoByEmail("nolast@example.com"));
    }

    [Fact] // find_by Email: the same file twice adds, then updates the same leads (no duplicates), bumping Modified_Time
    public async Task An_upsert_by_email_run_twice_updates_the_leads_it_added()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Email,Last_Name,Phone\nup@example.com,Upsert,\nUP2@example.com,Second,+1 555 0100\n");
        var body = SandboxBulkHttp.WriteJob(fileId, "upsert", "Email", ("Email", 0), ("Last_Name", 1), ("Phone", 2));

        var first = await RunAsync(sandbox, body);
        var created = app.ZohoSingle("up@example.com");
        await app.ZohoPutAsync(created with { ModifiedTime = created.ModifiedTime.AddMinutes(-5), LastName = "Changed in Zoho" });
        var second = await RunAsync(sandbox, body);

        Assert.Equal(["ADDED", "ADDED"], first.Skip(1).Select(r => r[3]));
        Assert.Equal(["UPDATED", "UPDATED"], second.Skip(1).Select(r => r[3]));
        Assert.Equal(first[1][4], second[1][4]);
        Assert.Equal(first[2][4], second[2][4]);
        var after = app.ZohoSingle("up@example.com");
        Assert.Equal("Upsert", after.LastName);
        Assert.True(after.ModifiedTime > created.ModifiedTime.AddMinutes(-5));
        Assert.Single(app.ZohoByEmail("up2@example.com"));
    }

    [Fact] // ignore_empty: an empty cell keeps the value; update by id; an unknown id is a skipped row
    public async Task An_update_by_id_keeps_fields_whose_cell_is_empty_and_skips_unknown_ids()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var id = (await sandbox.InsertAsync(new JsonObject { ["Last_Name"] = "Keep", ["Email"] = "keep@example.com", ["Company"] = "Old Co" }))[0];
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, $"id,Company,Email\n{id},New Co,\n5725767000000999999,X,\n");

        var rows = await RunAsync(sandbox, SandboxBulkHttp.WriteJob(fileId, "update", "id", ("id", 0), ("Company", 1), ("Email", 2)));

        Assert.Equal(["UPDATED", id, ""], rows[1][3..]);
        Assert.Equal("SKIPPED", rows[2][3]);
        Assert.Equal("INVALID_DATA-id", rows[2][5]);
        var lead = app.ZohoSingle("keep@example.com");
        Assert.Equal("New Co", lead.Company);
    }

    [Fact] // §4.2: 500 credits per job, whatever its size
    public async Task A_write_job_costs_500_credits()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name\nOne\n");
        var before = sandbox.Control.State().CreditsUsed;

        await SandboxBulkHttp.CreateWriteJobAsync(sandbox, SandboxBulkHttp.WriteJob(fileId, "insert", null));

        Assert.Equal(500, sandbox.Control.State().CreditsUsed - before);
    }

    [Fact]
    public async Task A_job_is_refused_when_the_credits_left_are_fewer_than_500()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:DailyCredits", "400");
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name\nOne\n");

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/write", SandboxBulkHttp.WriteJob(fileId, "insert", null));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("TOO_MANY_REQUESTS", body!["code"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadJobs => new()
    {
        { "no operation", "REQUIRED_PARAM_MISSING", "$.operation" },
        { "upsert without find_by", "REQUIRED_PARAM_MISSING", "$.resource[0].find_by" },
        { "find_by Phone", "INVALID_DATA", "$.resource[0].find_by" },
        { "unknown file", "INVALID_DATA", "$.resource[0].file_id" },
        { "module Contacts", "INVALID_MODULE", "$.resource[0].module.api_name" },
        { "column out of range", "INVALID_DATA", "$.resource[0].field_mappings[0].index" },
        { "read-only field", "INVALID_DATA", "$.resource[0].field_mappings[0].api_name" },
        { "callback elsewhere", "INVALID_DATA", "$.callback.url" },
    };

    [Theory]
    [MemberData(nameof(BadJobs))]
    public async Task A_bad_job_is_refused_naming_the_field_and_costs_nothing(string bad, string code, string jsonPath)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name,Email\nA,a@example.com\n");
        var body = Break(SandboxBulkHttp.WriteJob(fileId, "upsert", "Email", ("Last_Name", 0), ("Email", 1)), bad);

        var (status, answer) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/write", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, answer!["code"]!.GetValue<string>());
        Assert.Equal(jsonPath, answer["details"]!["json_path"]!.GetValue<string>());
        Assert.Equal(0, sandbox.Control.State().CreditsUsed);
    }

    [Fact]
    public async Task An_unknown_job_id_is_INVALID_DATA()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/bulk/v8/write/5725767000900099999");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_DATA", body!["code"]!.GetValue<string>());
    }

    [Fact] // the sandbox page's Reset empties the org: its bulk jobs, uploads and result files go with the leads
    public async Task Reset_forgets_every_bulk_job_upload_and_result_file()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Email,Last_Name\nreset@example.com,Reset\n");
        var body = SandboxBulkHttp.WriteJob(fileId, "upsert", "Email", ("Email", 0), ("Last_Name", 1));
        var jobId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, body);
        var (final, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/write/{jobId}");

        await app.Sandbox.ResetAsync(TestContext.Current.CancellationToken);

        Assert.Empty(app.ZohoBulkJobs());
        var (jobStatus, _) = await sandbox.CallAsync(HttpMethod.Get, $"crm/bulk/v8/write/{jobId}");
        var (resultStatus, _) = await sandbox.CallAsync(HttpMethod.Get, DownloadPath(final));
        Assert.Equal(HttpStatusCode.BadRequest, jobStatus);
        Assert.Equal(HttpStatusCode.BadRequest, resultStatus);
        var (againStatus, _) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/write", body);
        Assert.Equal(HttpStatusCode.BadRequest, againStatus); // the upload is gone too
        Assert.Empty(app.ZohoByEmail("reset@example.com"));
        var newFileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Email,Last_Name\nafter@example.com,After\n");
        Assert.True(long.Parse(newFileId, CultureInfo.InvariantCulture) > long.Parse(jobId, CultureInfo.InvariantCulture), "ids keep counting up after a reset");
    }

    internal static string DownloadPath(JsonObject details)
    {
        var url = new Uri(details["result"]!["download_url"]!.GetValue<string>());
        return url.AbsolutePath[(url.AbsolutePath.IndexOf("crm/", StringComparison.Ordinal))..];
    }

    private static readonly string[] TypedColumns = ["Seats__c", "Is_Partner__c", "Product_Interest__c", "Next_Call__c", "Budget__c", "Region__c"];

    [Fact] // §6.4: extra-field columns typed as §6.5 writes them, checked by the record API's rules (§2.12)
    public async Task Extra_field_columns_are_read_by_type_and_a_bad_value_is_the_rows_error_naming_the_field()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox,
            "Email,Last_Name,Seats__c,Is_Partner__c,Product_Interest__c,Next_Call__c,Budget__c,Region__c,Notes__c,Demo_At__c\n"
            + "ok@example.com,Ok,12,TRUE,CRM;Support,2026-12-24,1234.5,EMEA,\"a, \"\"b\"\"\nc\",2026-12-03T09:30:00+01:00\n"
            + "region@example.com,Bad,1,false,,2026-01-02,,Atlantis,,\n"
            + "seats@example.com,Bad,1.5,false,,,,,,\n"
            + "date@example.com,Bad,,,,12/24/2026,,,,\n");
        var body = SandboxBulkHttp.WriteJob(fileId, "upsert", "Email", ("Email", 0), ("Last_Name", 1), ("Seats__c", 2), ("Is_Partner__c", 3),
            ("Product_Interest__c", 4), ("Next_Call__c", 5), ("Budget__c", 6), ("Region__c", 7), ("Notes__c", 8), ("Demo_At__c", 9));
        body["resource"]![0]!["field_mappings"]![5]!["format"] = "yyyy-MM-dd";

        var rows = await RunAsync(sandbox, body);

        Assert.Equal(["ADDED", "SKIPPED", "SKIPPED", "SKIPPED"], rows.Skip(1).Select(r => r[10]));
        Assert.Equal(["", "INVALID_DATA-Region__c", "INVALID_DATA-Seats__c", "INVALID_DATA-Next_Call__c"], rows.Skip(1).Select(r => r[12]));
        var ok = app.ZohoSingle("ok@example.com");
        Assert.Equal(["12", "true", "[\"CRM\",\"Support\"]", "\"2026-12-24\"", "1234.5", "\"EMEA\""],
            TypedColumns.Select(ok.ExtraValue));
        Assert.Equal("a, \"b\"\nc", System.Text.Json.JsonSerializer.Deserialize<string>(ok.ExtraValue("Notes__c")!));
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T09:30:00+01:00", CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Deserialize<DateTimeOffset>(ok.ExtraValue("Demo_At__c")!));
    }

    private static async Task<List<string[]>> RunAsync(SandboxHttp sandbox, JsonObject body)
    {
        var jobId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, body);
        var (final, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/write/{jobId}");
        return await SandboxBulkHttp.DownloadRowsAsync(sandbox, DownloadPath(final));
    }

    private static JsonObject Break(JsonObject body, string bad)
    {
        var resource = body["resource"]![0]!.AsObject();
        switch (bad)
        {
            case "no operation": body.Remove("operation"); break;
            case "upsert without find_by": resource.Remove("find_by"); break;
            case "find_by Phone": resource["find_by"] = "Phone"; break;
            case "unknown file": resource["file_id"] = "5725767000900099999"; break;
            case "module Contacts": resource["module"] = new JsonObject { ["api_name"] = "Contacts" }; break;
            case "column out of range": resource["field_mappings"]![0]!["index"] = 7; break;
            case "read-only field": resource["field_mappings"]![0]!["api_name"] = "Modified_Time"; break;
            default: body["callback"] = new JsonObject { ["url"] = "http://169.254.169.254/latest/meta-data", ["method"] = "post" }; break;
        }

        return body;
    }
}
