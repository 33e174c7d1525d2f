using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Every Leads operation of the production client over real HTTP against the built-in sandbox (§2, §5).</summary>
public sealed class ZohoLeadOperationsTests : IAsyncLifetime
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

    private static ZohoLead NewLead(string tag, string? lastName = "Daly") => new()
    {
        FirstName = "Paul",
        LastName = lastName,
        Email = $"{tag}.{Guid.NewGuid():N}@zylker.test",
        Phone = "+1 555 0100",
        LeadStatus = "Not Contacted",
        Company = "Zylker",
    };

    [Fact]
    public async Task Insert_returns_string_ids_and_get_by_ids_reads_the_leads_back()
    {
        // §2.4 insert, §2.2 ids=, §2.1 ids are strings
        var leads = new[] { NewLead("a"), NewLead("b") };
        var results = await zoho.Client.InsertLeadsAsync(leads, Ct);

        Assert.All(results, r => Assert.True(r.Success, r.Error?.Message));
        Assert.Equal([0, 1], results.Select(r => r.Index));
        Assert.All(results, r => Assert.Matches("^[0-9]{1,19}$", r.Id!));
        Assert.All(results, r => Assert.NotNull(r.ModifiedTime));

        var read = await zoho.Client.GetLeadsAsync(results.Select(r => r.Id!).ToList(), Ct);
        Assert.Equal(2, read.Count);
        var first = Assert.Single(read, l => l.Id == results[0].Id);
        Assert.Equal(leads[0].Email, first.Email);
        Assert.Equal("Paul", first.FirstName);
        Assert.Equal("Daly", first.LastName);
        Assert.Equal("Zylker", first.Company);
        Assert.Equal("Not Contacted", first.LeadStatus);
        Assert.Equal(results[0].ModifiedTime, first.ModifiedTime);
    }

    [Fact]
    public async Task Update_changes_the_fields_and_reports_the_new_modified_time()
    {
        // §2.5 bulk PUT with ids
        var inserted = (await zoho.Client.InsertLeadsAsync([NewLead("u")], Ct))[0];
        var update = new ZohoLead { Id = inserted.Id, FirstName = "Paula", LastName = "Daly-Smith", Email = "paula." + Guid.NewGuid().ToString("N") + "@zylker.test", LeadStatus = "Contacted", Company = "Zylker" };

        var result = Assert.Single(await zoho.Client.UpdateLeadsAsync([update], Ct));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(inserted.Id, result.Id);
        Assert.NotNull(result.ModifiedTime);
        var read = Assert.Single(await zoho.Client.GetLeadsAsync([inserted.Id!], Ct));
        Assert.Equal("Paula", read.FirstName);
        Assert.Equal("Daly-Smith", read.LastName);
        Assert.Equal("Contacted", read.LeadStatus);
        Assert.Null(read.Phone); // a null field is sent as null and clears it
    }

    [Fact]
    public async Task A_conditional_update_writes_only_records_not_modified_since_the_given_time()
    {
        // §2.5 If-Unmodified-Since: a record changed after that time is refused with ALREADY_MODIFIED and left as it is
        var a = (await zoho.Client.InsertLeadsAsync([NewLead("cond-a")], Ct))[0];
        var b = (await zoho.Client.InsertLeadsAsync([NewLead("cond-b")], Ct))[0];
        var before = a.ModifiedTime!.Value.AddSeconds(-1); // both were modified after this

        var stale = Assert.Single(await zoho.Client.UpdateLeadsAsync([Company(a.Id!, "Overwrite Co")], before, Ct));
        var mixed = await zoho.Client.UpdateLeadsAsync([Company(a.Id!, "Overwrite Co"), Company(b.Id!, "Fresh Co")], Min(a.ModifiedTime.Value, b.ModifiedTime!.Value).AddSeconds(-1), Ct);
        var fresh = Assert.Single(await zoho.Client.UpdateLeadsAsync([Company(b.Id!, "Fresh Again Co")], DateTimeOffset.UtcNow.AddMinutes(1), Ct));

        Assert.False(stale.Success);
        Assert.Equal(ZohoErrorCodes.AlreadyModified, stale.Error!.Code);
        Assert.Equal("Zylker", Assert.Single(await zoho.Client.GetLeadsAsync([a.Id!], Ct)).Company);
        Assert.Equal(2, mixed.Count);
        Assert.All(mixed, r => Assert.False(r.Success)); // both were modified after the condition (the earlier one less a second: however slow the inserts)
        Assert.True(fresh.Success, fresh.Error?.Message);
        Assert.Equal("Fresh Again Co", Assert.Single(await zoho.Client.GetLeadsAsync([b.Id!], Ct)).Company);
        Assert.Contains(zoho.Observer.ApiCalls, c => c.Method == "PUT" && c.Status == 412);
        Assert.Contains(zoho.Observer.ApiCalls, c => c.Method == "PUT" && c.Status == 200);
    }

    [Fact]
    public async Task A_conditional_update_of_a_mix_answers_per_record()
    {
        // §2.5 / §7.12: one record modified after the condition, one not: 207 with one failure and one success
        var old = (await zoho.Client.InsertLeadsAsync([NewLead("mix-old")], Ct))[0];
        await Task.Delay(1100, Ct); // Modified_Time has whole seconds
        var condition = DateTimeOffset.UtcNow;
        await Task.Delay(1100, Ct);
        var young = (await zoho.Client.InsertLeadsAsync([NewLead("mix-young")], Ct))[0];

        var results = await zoho.Client.UpdateLeadsAsync([Company(old.Id!, "Old Co"), Company(young.Id!, "Young Co")], condition, Ct);

        Assert.True(results[0].Success, results[0].Error?.Message);
        Assert.False(results[1].Success);
        Assert.Equal(ZohoErrorCodes.AlreadyModified, results[1].Error!.Code);
        Assert.Equal("Zylker", Assert.Single(await zoho.Client.GetLeadsAsync([young.Id!], Ct)).Company);
        Assert.Contains(zoho.Observer.ApiCalls, c => c.Method == "PUT" && c.Status == 207);
    }

    private static ZohoLead Company(string id, string company) =>
        new() { Id = id, Company = company, OnlyFields = new HashSet<string>([ZohoFieldNames.ToApiName("Company")], StringComparer.Ordinal) };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [Fact]
    public async Task Update_naming_only_some_fields_changes_those_and_leaves_the_others_alone()
    {
        // §2.5: partial update, only the keys sent change; a null sent clears the field
        var inserted = (await zoho.Client.InsertLeadsAsync([NewLead("p")], Ct))[0];
        var update = new ZohoLead { Id = inserted.Id, Company = "Partial Co", Phone = null, LastName = "Not sent", OnlyFields = new HashSet<string> { "Company", "Phone" } };

        var result = Assert.Single(await zoho.Client.UpdateLeadsAsync([update], Ct));

        Assert.True(result.Success, result.Error?.Message);
        var read = Assert.Single(await zoho.Client.GetLeadsAsync([inserted.Id!], Ct));
        Assert.Equal("Partial Co", read.Company);
        Assert.Null(read.Phone);
        Assert.Equal("Daly", read.LastName); // not in OnlyFields: not sent, unchanged
        Assert.Equal("Paul", read.FirstName);
    }

    [Fact]
    public async Task Insert_or_upsert_naming_only_some_fields_is_refused_before_any_call()
    {
        var partial = NewLead("q") with { OnlyFields = new HashSet<string> { "Company" } };
        zoho.Observer.Clear();

        var insert = await Assert.ThrowsAsync<ArgumentException>(() => zoho.Client.InsertLeadsAsync([partial], Ct));
        var upsert = await Assert.ThrowsAsync<ArgumentException>(() => zoho.Client.UpsertLeadsAsync([NewLead("r"), partial], ["Email"], Ct));

        Assert.Contains("Only an update sends a subset of fields", insert.Message, StringComparison.Ordinal);
        Assert.Contains("record 1", upsert.Message, StringComparison.Ordinal);
        Assert.Empty(zoho.Observer.ApiCalls);
    }

    [Fact]
    public async Task Update_of_an_unknown_id_is_a_record_error_on_the_id_field()
    {
        // §2.5, §3: INVALID_DATA on api_name id, nothing created
        var result = Assert.Single(await zoho.Client.UpdateLeadsAsync([NewLead("x") with { Id = "5725767000000000001" }], Ct));

        Assert.False(result.Success);
        Assert.Equal("INVALID_DATA", result.Error!.Code);
        Assert.Equal("id", result.Error.ApiName);
        Assert.Equal("$.data[0].id", result.Error.JsonPath);
        Assert.Equal("5725767000000000001", result.Id);
    }

    [Fact]
    public async Task Upsert_inserts_then_updates_the_same_record_by_email()
    {
        // §2.6 duplicate_check_fields, action insert/update
        var lead = NewLead("up");
        var first = Assert.Single(await zoho.Client.UpsertLeadsAsync([lead], ["Email"], Ct));
        var second = Assert.Single(await zoho.Client.UpsertLeadsAsync([lead with { LastName = "Changed" }], ["Email"], Ct));

        Assert.True(first.Success, first.Error?.Message);
        Assert.Equal("insert", first.Action);
        Assert.True(second.Success, second.Error?.Message);
        Assert.Equal("update", second.Action);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("Changed", Assert.Single(await zoho.Client.GetLeadsAsync([first.Id!], Ct)).LastName);
    }

    [Fact]
    public async Task Delete_removes_the_leads_and_the_deleted_list_reports_them()
    {
        // §2.7 delete by ids, §2.8 deleted list
        var ids = (await zoho.Client.InsertLeadsAsync([NewLead("d1"), NewLead("d2")], Ct)).Select(r => r.Id!).ToList();

        var results = await zoho.Client.DeleteLeadsAsync(ids, Ct);

        Assert.All(results, r => Assert.True(r.Success, r.Error?.Message));
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Empty(await zoho.Client.GetLeadsAsync(ids, Ct));
        var deleted = new List<ZohoDeletedRecord>();
        await foreach (var page in zoho.Client.ListDeletedLeadsAsync(null, Ct))
        {
            deleted.AddRange(page);
        }

        Assert.All(ids, id => Assert.Contains(deleted, d => d.Id == id && d.DeletedTime is not null));
        Assert.Equal(2, zoho.Observer.ApiCalls.Single(c => c.Method == "DELETE").Records);
    }

    [Fact]
    public async Task Delete_of_an_unknown_id_is_a_record_error()
    {
        // §2.7: "record not deleted" per item
        var result = Assert.Single(await zoho.Client.DeleteLeadsAsync(["5725767000000000002"], Ct));

        Assert.False(result.Success);
        Assert.Equal("INVALID_DATA", result.Error!.Code);
    }

    [Fact]
    public async Task Mixed_results_are_parsed_per_record_in_input_order()
    {
        // §2.4, §3, §7.12: 207 with success and error items; json_path and api_name name the field
        var leads = new[] { NewLead("m0"), NewLead("m1", lastName: null), NewLead("m2"), NewLead("m3") with { Email = "not-an-email" } };

        var results = await zoho.Client.InsertLeadsAsync(leads, Ct);

        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Index));
        Assert.True(results[0].Success);
        Assert.True(results[2].Success);
        Assert.Equal("MANDATORY_NOT_FOUND", results[1].Error!.Code);
        Assert.Equal("Last_Name", results[1].Error!.ApiName);
        Assert.Equal("LastName", results[1].Error!.LeadField);
        Assert.Equal("$.data[1].Last_Name", results[1].Error!.JsonPath);
        Assert.Equal("INVALID_DATA", results[3].Error!.Code);
        Assert.Equal("Email", results[3].Error!.ApiName);
        Assert.Null(results[1].Id);
        Assert.Equal(207, zoho.Observer.ApiCalls[^1].Status);
    }

    [Fact]
    public async Task A_write_whose_only_record_fails_returns_the_error_instead_of_throwing()
    {
        // §2.4: all records failed → HTTP 400 with the data[] envelope
        var result = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead("f", lastName: null)], Ct));

        Assert.Equal("MANDATORY_NOT_FOUND", result.Error!.Code);
        Assert.Equal(400, zoho.Observer.ApiCalls[^1].Status);
    }

    [Fact]
    public async Task Two_hundred_fifty_records_are_written_as_three_calls_of_at_most_one_hundred()
    {
        // §2.4 max 100 per call, §4.2 1 credit per 10 records
        var leads = Enumerable.Range(0, 250).Select(i => NewLead("bulk" + i)).ToList();
        var results = new List<ZohoWriteResult>();
        foreach (var batch in leads.Chunk(ZohoClient.MaxRecordsPerWrite))
        {
            results.AddRange(await zoho.Client.InsertLeadsAsync(batch, Ct));
        }

        Assert.Equal(250, results.Count(r => r.Success));
        var writes = zoho.Observer.ApiCalls.Where(c => c.Method == "POST").ToList();
        Assert.Equal([100, 100, 50], writes.Select(c => c.Records));
        Assert.Equal([10, 10, 5], writes.Select(c => c.Credits));
        Assert.Equal(250, results.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task More_than_one_hundred_records_in_one_write_is_refused_before_any_call()
    {
        // §2.4: callers batch
        var leads = Enumerable.Range(0, 101).Select(i => NewLead("big" + i)).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => zoho.Client.InsertLeadsAsync(leads, Ct));

        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Empty(zoho.Observer.ApiCalls);
        await Assert.ThrowsAsync<ArgumentException>(() => zoho.Client.DeleteLeadsAsync(Enumerable.Range(0, 101).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), Ct));
    }

    [Fact]
    public async Task Zoho_times_keep_their_non_utc_offset_through_write_and_read()
    {
        // §2.1: output in the API user's time zone (sandbox default +05:30), offset kept, whole seconds
        var inserted = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead("tz")], Ct));
        var read = Assert.Single(await zoho.Client.GetLeadsAsync([inserted.Id!], Ct));

        Assert.Equal(TimeSpan.FromMinutes(330), inserted.ModifiedTime!.Value.Offset);
        Assert.Equal(inserted.ModifiedTime.Value.Offset, read.ModifiedTime!.Value.Offset);
        Assert.Equal(inserted.ModifiedTime.Value.DateTime, read.ModifiedTime.Value.DateTime);
        Assert.Equal(0, read.ModifiedTime.Value.Millisecond);
    }

    [Fact]
    public async Task If_modified_since_with_a_negative_offset_returns_only_later_changes()
    {
        // §2.2, §7.10: If-Modified-Since in whole seconds with an explicit offset; strictly later records only
        var first = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead("ims1")], Ct));
        await Task.Delay(TimeSpan.FromMilliseconds(1100), Ct);
        var second = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead("ims2")], Ct));
        var since = first.ModifiedTime!.Value.ToOffset(TimeSpan.FromHours(-7));

        var ids = new List<string>();
        await foreach (var page in zoho.Client.ListLeadsAsync(new ZohoListRequest { ModifiedSince = since }, Ct))
        {
            ids.AddRange(page.Records.Select(r => r.Id!));
        }

        Assert.Contains(second.Id!, ids);
        Assert.DoesNotContain(first.Id!, ids);
    }

    [Fact]
    public async Task Nothing_modified_since_gives_304_and_one_empty_page_with_Zohos_clock()
    {
        // §2.2, §7.7: 304 with an empty body is not an error and not a deserialisation; the Date header still tells Zoho's time
        await zoho.Client.InsertLeadsAsync([NewLead("n")], Ct);
        var pages = new List<ZohoLeadPage>();
        await foreach (var page in zoho.Client.ListLeadsAsync(new ZohoListRequest { ModifiedSince = DateTimeOffset.UtcNow.AddHours(1) }, Ct))
        {
            pages.Add(page);
        }

        var only = Assert.Single(pages);
        Assert.Empty(only.Records);
        Assert.False(only.MoreRecords);
        Assert.InRange(only.ServerTime!.Value, DateTimeOffset.UtcNow.AddSeconds(-10), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(304, zoho.Observer.ApiCalls[^1].Status);
    }

    [Fact]
    public async Task Get_of_unknown_ids_gives_no_leads()
    {
        // §2.3: unknown id → 204 (the sandbox's default), no error
        var leads = await zoho.Client.GetLeadsAsync(["5725767000000000003"], Ct);

        Assert.Empty(leads);
    }

    [Fact]
    public async Task Watch_channel_is_enabled_renewed_and_disabled()
    {
        // §5: POST enable, PATCH channel_expiry, DELETE ?channel_ids=
        var channelId = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        var expiry = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddHours(20).ToOffset(TimeSpan.FromHours(2));
        var request = new ZohoWatchRequest(channelId, ["Leads.all"], new Uri(app.BaseAddress, "webhooks/zoho").ToString(), "verify-token", expiry);

        var enabled = await zoho.Client.EnableWatchAsync(request, Ct);
        var renewed = await zoho.Client.RenewWatchAsync(channelId, expiry.AddDays(2), Ct);
        await zoho.Client.DisableWatchAsync(channelId, Ct);

        Assert.Equal(channelId, enabled.ChannelId);
        Assert.Equal(expiry.UtcDateTime, enabled.ChannelExpiry!.Value.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(channelId, renewed.ChannelId);
        Assert.Equal(expiry.AddDays(2).UtcDateTime, renewed.ChannelExpiry!.Value.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(["POST", "PATCH", "DELETE"], zoho.Observer.ApiCalls.Select(c => c.Method));
        Assert.All(zoho.Observer.ApiCalls, c => Assert.Equal(200, c.Status));
    }

    [Fact]
    public async Task The_registered_client_talks_to_the_apps_own_sandbox()
    {
        // §1.3 token from {base}/sandbox/zoho/oauth/v2/token, API under the returned api_domain
        var client = app.Services.GetRequiredService<IZohoClient>();

        await client.EnsureAuthorizedAsync(Ct);
        var result = Assert.Single(await client.InsertLeadsAsync([NewLead("di")], Ct));

        Assert.True(result.Success, result.Error?.Message);
        var settings = await app.Services.GetRequiredService<IZohoConnectionSettingsProvider>().GetAsync(Ct);
        Assert.Equal(ZohoMode.Sandbox, settings.Mode);
        Assert.Equal(new Uri(app.BaseAddress, "sandbox/zoho/oauth/v2/token").ToString(), settings.TokenUrl);
    }
}
