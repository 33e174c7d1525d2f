using System.Net;
using System.Text;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>The Bulk Write upload (docs/zoho §6.2): one CSV per ZIP, the row, column and size limits, the headers, the token.</summary>
public sealed class SandboxBulkUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_zip_with_one_csv_is_stored_and_answered_FILE_UPLOAD_SUCCESS_with_a_file_id()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        using var response = await SandboxBulkHttp.UploadAsync(sandbox, SandboxBulkHttp.CsvZip("Last_Name,Email\nOne,one@example.com\n"));
        var body = await SandboxBulkHttp.Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", body["status"]!.GetValue<string>());
        Assert.Equal("FILE_UPLOAD_SUCCESS", body["code"]!.GetValue<string>());
        Assert.Matches("^[0-9]{19}$", body["details"]!["file_id"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["created_time"]);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "two CSVs", "INVALID_FILE_FORMAT", "exactly one CSV" },
        { "not a zip", "INVALID_FILE_FORMAT", "not a zip" },
        { "a text file in the zip", "INVALID_FILE_FORMAT", ".csv file" },
        { "a header only", "INVALID_FILE_FORMAT", "no data rows" },
        { "too many rows", "LIMIT_EXCEEDED", "at most 3 rows" },
        { "too many columns", "LIMIT_EXCEEDED", "at most 4 columns" },
        { "too many bytes", "LIMIT_EXCEEDED", "bytes" },
        { "broken quoting", "INVALID_FILE_FORMAT", "malformed quoting" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_file_breaking_a_rule_is_refused_naming_the_rule(string file, string code, string message)
    {
        await using var app = new LeadSyncAppFactory()
            .With("Sandbox:Bulk:MaxUploadRows", "3").With("Sandbox:Bulk:MaxUploadColumns", "4").With("Sandbox:Bulk:MaxUploadBytes", "2000");
        using var sandbox = new SandboxHttp(app);

        using var response = await SandboxBulkHttp.UploadAsync(sandbox, Content(file));
        var body = await SandboxBulkHttp.Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.Contains(message, body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("error", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exactly_the_row_and_column_limits_are_accepted()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:Bulk:MaxUploadRows", "3").With("Sandbox:Bulk:MaxUploadColumns", "4");
        using var sandbox = new SandboxHttp(app);

        using var response = await SandboxBulkHttp.UploadAsync(sandbox, SandboxBulkHttp.CsvZip("Last_Name,Email,Phone,Company\na,a@x.io,,\nb,b@x.io,,\n\"c\nc\",c@x.io,,\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false, true, "INVALID_DATA", "feature")]
    [InlineData(true, false, "REQUIRED_PARAM_MISSING", "X-CRM-ORG")]
    public async Task The_feature_and_org_headers_are_required(bool feature, bool org, string code, string param)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        using var response = await SandboxBulkHttp.UploadAsync(sandbox, SandboxBulkHttp.CsvZip("Last_Name\nx\n"), feature, org);
        var body = await SandboxBulkHttp.Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.Equal(param, body["details"]!["param_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_file_part_is_REQUIRED_PARAM_MISSING_file()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        using var response = await SandboxBulkHttp.UploadAsync(sandbox, zip: null);
        var body = await SandboxBulkHttp.Json(response);

        Assert.Equal("REQUIRED_PARAM_MISSING", body["code"]!.GetValue<string>());
        Assert.Equal("file", body["details"]!["param_name"]!.GetValue<string>());
    }

    [Fact] // §1.6: the upload checks the token like every other call
    public async Task An_upload_without_a_token_is_AUTHENTICATION_FAILURE()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        using var response = await SandboxBulkHttp.UploadAsync(sandbox, SandboxBulkHttp.CsvZip("Last_Name\nx\n"), authorize: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTHENTICATION_FAILURE", (await SandboxBulkHttp.Json(response))["code"]!.GetValue<string>());
        Assert.Empty(Directory.GetFiles(app.DataDirectory, "upload-*", SearchOption.AllDirectories));
    }

    [Fact] // the same fault injection as every CRM call (§3, §4.3): injected 500s and 429s reach the upload and the job calls
    public async Task Injected_500s_and_429s_reach_the_upload_and_the_bulk_calls()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.AccessTokenAsync();

        app.Faults(new LeadSync.ZohoSandbox.SandboxFaultPatch { ServerErrorRate = 1 });
        using var upload = await SandboxBulkHttp.UploadAsync(sandbox, SandboxBulkHttp.CsvZip("Last_Name\nx\n"));
        var (readStatus, readBody) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/read", SandboxBulkReadTests.Query(null, "Email"));
        app.Faults(new LeadSync.ZohoSandbox.SandboxFaultPatch { ServerErrorRate = 0, TooManyRequestsRate = 1 });
        var (writeStatus, _) = await sandbox.CallAsync(HttpMethod.Get, "crm/bulk/v8/write/5725767000900000001");

        Assert.Equal(HttpStatusCode.InternalServerError, upload.StatusCode);
        Assert.Equal("INTERNAL_ERROR", (await SandboxBulkHttp.Json(upload))["code"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.InternalServerError, "INTERNAL_ERROR"), (readStatus, readBody!["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.TooManyRequests, writeStatus);
        Assert.Equal(0, sandbox.Control.State().CreditsUsed);
    }

    private static byte[] Content(string file) => file switch
    {
        "two CSVs" => SandboxBulkHttp.Zip(("a.csv", "Last_Name\na\n"), ("b.csv", "Last_Name\nb\n")),
        "not a zip" => Encoding.UTF8.GetBytes("Last_Name\na\n"),
        "a text file in the zip" => SandboxBulkHttp.Zip(("leads.txt", "Last_Name\na\n")),
        "a header only" => SandboxBulkHttp.CsvZip("Last_Name,Email\n"),
        "too many rows" => SandboxBulkHttp.CsvZip("Last_Name\na\nb\nc\nd\n"),
        "too many columns" => SandboxBulkHttp.CsvZip("Last_Name,Email,Phone,Company,First_Name\na,b,c,d,e\n"),
        "too many bytes" => SandboxBulkHttp.Zip(("leads.csv", "Last_Name\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{Guid.NewGuid():N}{i}\n")))),
        _ => SandboxBulkHttp.CsvZip("Last_Name,Email\n\"unclosed,a@x.io\nb,\"c\"d\"\n"),
    };
}
