using System.Globalization;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>
/// The Bulk Read client against the sandbox over HTTP (docs/zoho §6.1): jobs, paging past a job's records with
/// page_token, the result ZIP's CSV read back exactly, the record count, a download refused with 429 then retried.
/// </summary>
public sealed class ZohoBulkReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A quiet host whose sandbox moves a job a step every 10 ms and ends a job's page at <paramref name="pageSize"/> records.</summary>
    private static LeadSyncAppFactory App(int pageSize = 200_000) => new LeadSyncAppFactory().WithQuietEngine()
        .With("Sandbox:Bulk:StepMilliseconds", "10")
        .With("Sandbox:Bulk:ReadPageSize", pageSize.ToString(CultureInfo.InvariantCulture));

    private static async Task<ZohoBulkReadJob> CompletedAsync(IZohoBulkReadClient bulk, ZohoBulkReadQuery query)
    {
        var job = await bulk.CreateReadJobAsync(query, Ct);
        while (!job.IsCompleted)
        {
            Assert.False(job.IsFailed, $"job {job.Id} failed: {job.State}");
            await Task.Delay(20, Ct);
            job = await bulk.GetReadJobAsync(job.Id, Ct);
        }

        return job;
    }

    private static List<ZohoLead> ReadAll(ZohoBulkReadFile file) => file.ReadLeads().ToList();

    [Fact]
    public async Task Jobs_page_through_every_record_with_page_token_at_50_credits_each()
    {
        await using var app = App(pageSize: 100);
        using var zoho = app.CreateZohoClient();
        var seeded = await app.ZohoSeedAsync(250, "Bulk", DateTimeOffset.UtcNow.AddHours(-1));

        var ids = new List<string>();
        var jobs = new List<ZohoBulkReadJob>();
        var query = new ZohoBulkReadQuery();
        while (true)
        {
            var job = await CompletedAsync(zoho.BulkRead, query);
            jobs.Add(job);
            using (var file = await zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct))
            {
                ids.AddRange(ReadAll(file).Select(r => r.Id!));
            }

            if (!job.MoreRecords)
            {
                break;
            }

            Assert.NotNull(job.NextPageToken); // §6.1: the next 200,000 are asked for with page_token
            query = query with { PageToken = job.NextPageToken };
        }

        Assert.Equal([100L, 100L, 50L], jobs.Select(j => j.Count));
        Assert.Equal(seeded.Select(l => l.Id.ToString(CultureInfo.InvariantCulture)).Order(), ids.Order());
        var creates = zoho.Observer.ApiCalls.Where(c => c.Method == "POST" && c.Path.EndsWith("/crm/bulk/v8/read", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, creates.Count);
        Assert.All(creates, c => Assert.Equal(50, c.Credits)); // §4.2
        Assert.Equal(0, zoho.Observer.ApiCalls.Where(c => c.Method == "GET").Sum(c => c.Credits)); // following and downloading are free
    }

    [Fact]
    public async Task Csv_values_with_commas_quotes_newlines_and_unicode_come_back_exactly()
    {
        await using var app = App();
        using var zoho = app.CreateZohoClient();
        var time = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow.AddMinutes(-10));
        var tricky = new SandboxLead(app.ZohoNextId(), "Zoë, \"Zed\"", "Ørsted\r\nSecond line", "zoe.tricky@zoho.example", "+49 (30) 555-0101",
            "Contacted", "Ünïcødé GmbH, \"Quotes\" & Co 😀 中文", time.AddDays(-1), time);
        await app.ZohoPutAsync(tricky);
        var empty = new SandboxLead(app.ZohoNextId(), null, "Plain", "plain@zoho.example", null, null, null, time, time);
        await app.ZohoPutAsync(empty);

        var job = await CompletedAsync(zoho.BulkRead, new ZohoBulkReadQuery());
        using var file = await zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct);
        var rows = ReadAll(file).ToDictionary(r => r.Id!);

        var read = rows[tricky.Id.ToString(CultureInfo.InvariantCulture)];
        Assert.Equal((tricky.FirstName, tricky.LastName, tricky.Email, tricky.Phone, tricky.LeadStatus, tricky.Company),
            (read.FirstName, read.LastName, read.Email, read.Phone, read.LeadStatus, read.Company));
        Assert.Equal(time, read.ModifiedTime);
        Assert.Equal(time.AddDays(-1), read.CreatedTime);
        var plain = rows[empty.Id.ToString(CultureInfo.InvariantCulture)];
        Assert.Equal((null, null, null, null), (plain.FirstName, plain.Phone, plain.LeadStatus, plain.Company)); // empty cells read as null
    }

    [Fact]
    public async Task A_job_of_only_email_and_a_criteria_on_modified_time_reads_just_the_later_records()
    {
        await using var app = App();
        using var zoho = app.CreateZohoClient();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var seeded = await app.ZohoSeedAsync(300, "Since", start, perSecond: 1);
        var after = seeded[199].ModifiedTime; // greater_than: records 200..299

        var job = await CompletedAsync(zoho.BulkRead, new ZohoBulkReadQuery { Fields = ["Email"], ModifiedAfter = after });
        using var file = await zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct);
        var rows = ReadAll(file);

        Assert.Equal(seeded.Skip(200).Select(l => l.Email).Order(), rows.Select(r => r.Email).Order());
        Assert.All(rows, r => Assert.Null(r.LastName)); // only the fields asked for (and the id)
        Assert.Equal(300, await zoho.BulkRead.CountLeadsAsync(null, Ct)); // the count (1 credit)
    }

    [Fact]
    public async Task A_download_over_the_per_minute_limit_is_answered_429_and_retried_with_backoff()
    {
        // §6.1, §4.3: 10 result downloads a minute, then 429; lowered to 1 here. The sandbox's minute runs on the system
        // clock, so the retries (fast in tests) stay within it and the call ends as Zoho's transient 429.
        await using var app = App().With("Sandbox:Bulk:DownloadsPerMinute", "1");
        using var zoho = app.CreateZohoClient();
        await app.ZohoSeedAsync(20, "Limited", DateTimeOffset.UtcNow.AddHours(-1));
        var job = await CompletedAsync(zoho.BulkRead, new ZohoBulkReadQuery());
        using (var first = await zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct))
        {
            Assert.Equal(20, ReadAll(first).Count);
        }

        var refused = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct));

        Assert.Equal(("TOO_MANY_REQUESTS", true), (refused.Code, refused.IsTransient));
        var downloads = zoho.Observer.ApiCalls.Where(c => c.Path.EndsWith("/result", StringComparison.Ordinal)).Select(d => d.Status).ToList();
        Assert.Equal([200, 429, 429, 429], downloads); // Zoho:MaxAttempts (3) attempts with backoff
    }

    [Fact]
    public async Task A_download_answered_429_is_retried_with_backoff_into_the_result()
    {
        // §6.1, §4.3: a 429 on a result download is transient; the client's backoff tries again and gets the file.
        await using var app = App();
        using var zoho = app.CreateZohoClient();
        await app.ZohoSeedAsync(15, "Retried", DateTimeOffset.UtcNow.AddHours(-1));
        var job = await CompletedAsync(zoho.BulkRead, new ZohoBulkReadQuery());
        app.Faults(new SandboxFaultPatch { BulkDownloadFailures = 2, BulkDownloadFailureStatus = 429 });

        using var file = await zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct);

        Assert.Equal(15, ReadAll(file).Count);
        var downloads = zoho.Observer.ApiCalls.Where(c => c.Path.EndsWith("/result", StringComparison.Ordinal)).Select(d => d.Status).ToList();
        Assert.Equal([429, 429, 200], downloads);
    }

    [Fact]
    public async Task A_downloaded_result_file_is_deleted_when_disposed()
    {
        await using var app = App();
        using var zoho = app.CreateZohoClient();
        await app.ZohoSeedAsync(5, "Temp", DateTimeOffset.UtcNow.AddHours(-1));
        var job = await CompletedAsync(zoho.BulkRead, new ZohoBulkReadQuery());
        var file = await zoho.BulkRead.DownloadReadResultAsync(job.Id, Ct);
        var created = file.FilePath;
        Assert.True(File.Exists(created));
        Assert.True(file.Length > 0);
        file.Dispose();

        Assert.False(File.Exists(created));
    }
}
