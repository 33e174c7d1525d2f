using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// Bulk job callbacks and faults (docs/zoho §6): the job's details posted when it completes or fails, a lost callback,
/// a failing job, a result that cannot be downloaded, callback URLs limited to loopback and the app's own origin, and a
/// job that survives a restart.
/// </summary>
public sealed class SandboxBulkCallbackTests
{
    [Fact]
    public async Task A_write_and_a_read_job_post_their_details_to_the_callback_when_they_complete()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name,Email\nCall,call@example.com\n");

        var writeId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, WithCallback(SandboxBulkHttp.WriteJob(fileId, "insert", null), receiver));
        var write = await receiver.WaitForAsync(c => c["job_id"]?.GetValue<string>() == writeId);
        var (readId, _) = await SandboxBulkReadTests.CreateAsync(sandbox, WithCallback(SandboxBulkReadTests.Query(null, "Email"), receiver));
        var read = await receiver.WaitForAsync(c => c["job_id"]?.GetValue<string>() == readId);

        Assert.Equal("COMPLETED", write["status"]!.GetValue<string>());
        Assert.Equal("insert", write["operation"]!.GetValue<string>());
        Assert.Equal(1, write["resource"]![0]!["file"]!["added_count"]!.GetValue<int>());
        Assert.EndsWith($"/crm/bulk/v8/write/{writeId}/result", write["result"]!["download_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("COMPLETED", read["state"]!.GetValue<string>());
        Assert.Equal(1, read["result"]!["count"]!.GetValue<int>());
    }

    [Fact] // the job completes, its callback never comes: polling still finds the result
    public async Task A_lost_callback_is_never_sent_yet_the_job_completes()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name,Email\nLost,lost@example.com\n");
        app.Faults(new SandboxFaultPatch { BulkCallbackLossRate = 1 });

        var lostId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, WithCallback(SandboxBulkHttp.WriteJob(fileId, "insert", null), receiver));
        var (lost, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/write/{lostId}");
        app.Faults(new SandboxFaultPatch { BulkCallbackLossRate = 0 });
        var nextId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, WithCallback(SandboxBulkHttp.WriteJob(fileId, "upsert", "Email"), receiver));
        var first = await receiver.WaitForAsync(_ => true); // jobs run and call back in order: the lost one would come first

        Assert.Equal("COMPLETED", lost["status"]!.GetValue<string>());
        Assert.Equal(nextId, first["job_id"]!.GetValue<string>());
        Assert.Single(app.ZohoByEmail("lost@example.com"));
    }

    [Fact]
    public async Task A_failing_job_ends_FAILED_writes_nothing_calls_back_and_has_no_result()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name,Email\nFail,fail@example.com\n");
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 1 });

        var jobId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, WithCallback(SandboxBulkHttp.WriteJob(fileId, "insert", null), receiver));
        var (final, states) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/write/{jobId}");
        var callback = await receiver.WaitForAsync(c => c["job_id"]?.GetValue<string>() == jobId);
        using var download = await sandbox.SendAsync(HttpMethod.Get, $"crm/bulk/v8/write/{jobId}/result");

        Assert.Equal("FAILED", states[^1]);
        Assert.Null(final["result"]);
        Assert.Equal("FAILED", callback["status"]!.GetValue<string>());
        Assert.Empty(app.ZohoByEmail("fail@example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, download.StatusCode);
    }

    [Theory]
    [InlineData(404, "RESOURCE_NOT_FOUND")]
    [InlineData(500, "INTERNAL_ERROR")]
    [InlineData(429, "TOO_MANY_REQUESTS")]
    public async Task A_result_that_cannot_be_downloaded_fails_the_next_N_tries_then_arrives(int status, string code)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await app.ZohoSeedAsync(2, "Dl", DateTimeOffset.UtcNow.AddDays(-1));
        var (jobId, _) = await SandboxBulkReadTests.CreateAsync(sandbox, SandboxBulkReadTests.Query(null, "Email"));
        await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/read/{jobId}");
        app.Faults(new SandboxFaultPatch { BulkDownloadFailures = 2, BulkDownloadFailureStatus = status });

        var answers = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 2; i++)
        {
            using var failed = await sandbox.SendAsync(HttpMethod.Get, $"crm/bulk/v8/read/{jobId}/result");
            answers.Add((failed.StatusCode, (await SandboxBulkHttp.Json(failed))["code"]?.GetValue<string>()));
        }

        var rows = await SandboxBulkHttp.DownloadRowsAsync(sandbox, $"crm/bulk/v8/read/{jobId}/result");

        Assert.Equal([((HttpStatusCode)status, code), ((HttpStatusCode)status, code)], answers);
        Assert.Equal(3, rows.Count);
        Assert.Equal(0, app.Sandbox.Faults.Current.BulkDownloadFailures);
    }

    [Theory] // no SSRF: the sandbox calls back only loopback or this app's own origin
    [InlineData("http://10.0.0.8/hook", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("https://example.com/hook", false)]
    [InlineData("http://localhost.example.com/hook", false)]
    [InlineData("http://user:secret@127.0.0.1/hook", false)]
    [InlineData("ftp://127.0.0.1/hook", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("http://127.0.0.1:9/hook", true)]
    [InlineData("http://[::1]:9/hook", true)]
    [InlineData("http://localhost:9/hook", true)]
    [InlineData("https://leadsync.example.com/bulk/done?run=7", true)]
    public async Task Callback_urls_are_refused_unless_on_loopback_or_the_apps_own_origin(string url, bool allowed)
    {
        await using var app = new LeadSyncAppFactory().With("App:PublicUrl", "https://leadsync.example.com");
        using var sandbox = new SandboxHttp(app);
        var body = SandboxBulkReadTests.Query(null, "Email");
        body["callback"] = new JsonObject { ["url"] = url, ["method"] = "post" };

        var (status, answer) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/read", body);

        Assert.True((status == HttpStatusCode.Created) == allowed, $"{url}: {(int)status} {answer?.ToJsonString()}");
        if (!allowed)
        {
            Assert.Equal("$.callback.url", answer!["details"]!["json_path"]!.GetValue<string>());
        }
    }

    [Fact] // a job in flight survives a restart of the app: polling resumes, the job completes once
    public async Task A_job_added_before_a_restart_completes_after_it()
    {
        var shared = Directory.CreateTempSubdirectory("leadsync-bulk-restart-").FullName;
        try
        {
            var sandboxDb = Path.Combine(shared, "zoho-sandbox.db");
            string jobId;
            await using (var first = new LeadSyncAppFactory().With("Sandbox:DataPath", sandboxDb).With("Sandbox:Bulk:StepMilliseconds", "600000"))
            {
                using var sandbox = new SandboxHttp(first);
                var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, "Last_Name,Email\nRestart,restart@example.com\n");
                jobId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, SandboxBulkHttp.WriteJob(fileId, "upsert", "Email"));
            }

            await using var restarted = new LeadSyncAppFactory().With("Sandbox:DataPath", sandboxDb);
            using var again = new SandboxHttp(restarted);

            var (final, _) = await SandboxBulkHttp.WaitAsync(again, $"crm/bulk/v8/write/{jobId}");

            Assert.Equal("COMPLETED", final["status"]!.GetValue<string>());
            Assert.Single(restarted.ZohoByEmail("restart@example.com"));
            Assert.Equal([(jobId, "COMPLETED")], restarted.ZohoBulkJobs().Select(j => (SandboxJson.Id(j.Id), j.State)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(shared, recursive: true);
        }
    }

    private static JsonObject WithCallback(JsonObject body, CallbackReceiver receiver)
    {
        body["callback"] = new JsonObject { ["url"] = receiver.NotifyUrl.ToString(), ["method"] = "post" };
        return body;
    }
}
