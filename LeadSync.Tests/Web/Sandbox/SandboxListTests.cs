using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>GET /Leads (§2.2), date-time rendering (§2.1) and the §3 request-level errors it answers.</summary>
public sealed class SandboxListTests
{
    [Fact] // §2.2: fields is mandatory from v3
    public async Task List_without_fields_is_REQUIRED_PARAM_MISSING()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUIRED_PARAM_MISSING", body!["code"]!.GetValue<string>());
        Assert.Equal("fields", body["details"]!["param_name"]!.GetValue<string>());
    }

    [Fact] // §2.2: at most 50 fields
    public async Task List_with_51_fields_is_LIMIT_EXCEEDED()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var fields = string.Join(',', Enumerable.Range(1, 51).Select(i => $"Field_{i}"));

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields={fields}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("LIMIT_EXCEEDED", body!["code"]!.GetValue<string>());
    }

    [Fact] // §2.2: no records → 204 with an empty body
    public async Task Empty_sandbox_lists_204_with_an_empty_body()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        using var response = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(SandboxHttp.Ct));
    }

    [Fact] // §2.2 / §7.7: If-Modified-Since with nothing newer → 304 with an empty body
    public async Task If_Modified_Since_with_nothing_newer_answers_304()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.InsertAsync(SandboxHttp.Lead("Daly", "paul@example.com"));

        using var response = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email", ifModifiedSince: "2999-01-01T00:00:00+00:00");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(SandboxHttp.Ct));
    }

    [Fact] // §2.2 / §7.10: the sandbox answers records modified strictly after the given second
    public async Task If_Modified_Since_returns_only_records_modified_strictly_after_the_given_second()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var first = (await sandbox.InsertAsync(SandboxHttp.Lead("First", "first@example.com")))[0];
        var firstModified = (await sandbox.GetLeadAsync(first))!["Modified_Time"]!.GetValue<string>();
        await Task.Delay(1100, SandboxHttp.Ct); // Modified_Time has one-second resolution.
        var second = (await sandbox.InsertAsync(SandboxHttp.Lead("Second", "second@example.com")))[0];

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name,Modified_Time", ifModifiedSince: firstModified);

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body!["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([second], ids);
    }

    [Fact] // §2.1: Modified_Time at whole seconds in the configured offset; §2.2 info keys
    public async Task Times_render_in_the_configured_offset_at_whole_seconds_with_the_v8_info_block()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:TimeZoneOffset", "-07:00");
        using var sandbox = new SandboxHttp(app);
        await sandbox.InsertAsync(SandboxHttp.Lead("Offset", "offset@example.com"));

        var (_, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name,First_Name,Modified_Time,Created_Time");

        var record = body!["data"]![0]!.AsObject();
        var modified = record["Modified_Time"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-07:00$", modified);
        Assert.True(record.ContainsKey("First_Name"));
        Assert.Null(record["First_Name"]);
        Assert.Matches(@"^\d{19}$", record["id"]!.GetValue<string>());
        var info = body["info"]!.AsObject();
        foreach (var key in new[] { "per_page", "count", "page", "sort_by", "sort_order", "more_records", "next_page_token", "previous_page_token", "page_token_expiry", "call", "email" })
        {
            Assert.True(info.ContainsKey(key), $"info lacks {key}");
        }
    }

    [Fact] // §2.2: page × per_page may not pass 2,000; page_token walks on (2,500 records)
    public async Task Listing_2500_records_uses_discrete_pages_then_page_tokens_and_sees_every_record_once()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.Control.SeedLeadsAsync(2500, cancellationToken: SandboxHttp.Ct);
        var seen = new HashSet<string>();

        string? token = null;
        for (var page = 1; page <= 10; page++)
        {
            var (status, body) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Last_Name&per_page=200&page={page}&sort_by=id&sort_order=asc");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.All(body!["data"]!.AsArray(), r => Assert.True(seen.Add(r!["id"]!.GetValue<string>())));
            Assert.True(body["info"]!["more_records"]!.GetValue<bool>());
            token = body["info"]!["next_page_token"]?.GetValue<string>();
        }

        var (beyond, beyondBody) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name&per_page=200&page=11&sort_by=id&sort_order=asc");
        Assert.Equal(HttpStatusCode.BadRequest, beyond);
        Assert.Equal("DISCRETE_PAGINATION_LIMIT_EXCEEDED", beyondBody!["code"]!.GetValue<string>());

        while (token is not null)
        {
            var (status, body) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Last_Name&per_page=200&page_token={token}&sort_by=id&sort_order=asc");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.All(body!["data"]!.AsArray(), r => Assert.True(seen.Add(r!["id"]!.GetValue<string>())));
            token = body["info"]!["more_records"]!.GetValue<bool>() ? body["info"]!["next_page_token"]!.GetValue<string>() : null;
            Assert.True(body["info"]!["more_records"]!.GetValue<bool>() || token is null);
        }

        Assert.Equal(2500, seen.Count);
    }

    [Fact] // §2.2: page_token reaches at most the configured cap, then PAGINATION_LIMIT_EXCEEDED
    public async Task Page_tokens_stop_at_the_configured_cap_with_PAGINATION_LIMIT_EXCEEDED()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:PageTokenRecordLimit", "300");
        using var sandbox = new SandboxHttp(app);
        await sandbox.Control.SeedLeadsAsync(500, cancellationToken: SandboxHttp.Ct);

        var (_, first) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name&per_page=200");
        var (_, second) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Last_Name&per_page=200&page_token={first!["info"]!["next_page_token"]}");
        var (status, third) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Last_Name&per_page=200&page_token={second!["info"]!["next_page_token"]}");

        Assert.Equal(100, second["info"]!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("PAGINATION_LIMIT_EXCEEDED", third!["code"]!.GetValue<string>());
    }

    [Fact] // §2.2: page and page_token cannot be combined; a token is bound to its parameters
    public async Task Page_with_page_token_is_ambiguous_and_changed_parameters_mismatch_the_token()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.Control.SeedLeadsAsync(5, cancellationToken: SandboxHttp.Ct);
        var (_, first) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name&per_page=2");
        var token = first!["info"]!["next_page_token"]!.GetValue<string>();

        var (ambiguous, ambiguousBody) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Last_Name&per_page=2&page=2&page_token={token}");
        var (mismatch, mismatchBody) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Email&per_page=2&page_token={token}");

        Assert.Equal(HttpStatusCode.BadRequest, ambiguous);
        Assert.Equal("AMBIGUITY_DURING_PROCESSING", ambiguousBody!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, mismatch);
        Assert.Equal("TOKEN_BOUND_DATA_MISMATCH", mismatchBody!["code"]!.GetValue<string>());
    }

    [Fact] // §2.2: sort_by Modified_Time asc and the ids filter
    public async Task Sorting_by_Modified_Time_ascending_and_filtering_by_ids()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var ids = await sandbox.InsertAsync(SandboxHttp.Lead("A", "a@example.com"), SandboxHttp.Lead("B", "b@example.com"), SandboxHttp.Lead("C", "c@example.com"));
        await Task.Delay(1100, SandboxHttp.Ct);
        var (updated, _) = await sandbox.CallAsync(HttpMethod.Put, $"crm/v8/Leads/{ids[0]}", SandboxHttp.Data(new JsonObject { ["Company"] = "Later Inc" }));
        Assert.Equal(HttpStatusCode.OK, updated);

        var (_, sorted) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name&sort_by=Modified_Time&sort_order=asc");
        var (_, filtered) = await sandbox.CallAsync(HttpMethod.Get, $"crm/v8/Leads?fields=Last_Name&ids={ids[1]},{ids[2]}");

        Assert.Equal(ids[0], sorted!["data"]!.AsArray().Last()!["id"]!.GetValue<string>());
        Assert.Equal(
            new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal),
            filtered!["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact] // §2.3: a single record carries every field, Owner as an object
    public async Task Get_one_lead_returns_all_fields_and_unknown_id_answers_204()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var id = (await sandbox.InsertAsync(SandboxHttp.Lead("Daly", "paul@example.com", "Paul")))[0];

        var lead = await sandbox.GetLeadAsync(id);
        var (missing, _) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads/5725767999999999999");

        Assert.Equal("Paul Daly", lead!["Full_Name"]!.GetValue<string>());
        Assert.NotNull(lead["Owner"]!["id"]);
        Assert.True(DateTimeOffset.TryParse(lead["Created_Time"]!.GetValue<string>(), CultureInfo.InvariantCulture, out _));
        Assert.Equal(HttpStatusCode.NoContent, missing);
    }
}
