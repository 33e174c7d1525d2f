using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// Bulk Read jobs (docs/zoho §6.1): criteria on Modified_Time (groups, greater_than, between, equal), pages and
/// page_token, the result ZIP's CSV (id always, ISO 8601 date-times, CSV escaping), 50 credits, 10 downloads a minute.
/// </summary>
public sealed class SandboxBulkReadTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Criteria_on_Modified_Time_choose_the_records_and_pages_of_per_page_continue_by_page_token()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:Bulk:ReadPageSize", "4");
        using var sandbox = new SandboxHttp(app);
        var seeded = await app.ZohoSeedAsync(12, "Read", Start, perSecond: 1); // Modified_Time = Start + i seconds
        var criteria = Group("and",
            Condition("Modified_Time", "greater_than", Iso(Start.AddSeconds(1))),
            Condition("Modified_Time", "between", new JsonArray(Iso(Start), Iso(Start.AddSeconds(10)))));

        var first = await RunAsync(sandbox, Query(criteria, "Last_Name", "Modified_Time"));
        var second = await RunAsync(sandbox, Token(Query(criteria, "Last_Name"), first.Result));
        var third = await RunAsync(sandbox, Token(Query(criteria, "Last_Name"), second.Result));

        Assert.Equal(new JsonObject { ["page"] = 1, ["per_page"] = 4, ["count"] = 4, ["more_records"] = true }.ToJsonString(), Summary(first.Result));
        Assert.Equal(["id", "Last_Name", "Modified_Time"], first.Rows[0]);
        var expected = seeded.Skip(2).Take(9).Select(l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, first.Rows.Skip(1).Concat(second.Rows.Skip(1)).Concat(third.Rows.Skip(1)).Select(r => r[0]));
        Assert.Equal("2026-01-05T14:30:02+05:30", first.Rows[1][2]);
        Assert.Equal(2, second.Result["page"]!.GetValue<int>());
        Assert.False(third.Result["more_records"]!.GetValue<bool>());
        Assert.Null(third.Result["next_page_token"]);
        Assert.Equal(1, third.Result["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Page_two_starts_after_the_first_per_page_records_and_equal_or_groups_match()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:Bulk:ReadPageSize", "2");
        using var sandbox = new SandboxHttp(app);
        var seeded = await app.ZohoSeedAsync(6, "Page", Start, perSecond: 1);
        var criteria = Group("or",
            Condition("Modified_Time", "equal", Iso(Start.AddSeconds(1))),
            Condition("Modified_Time", "greater_than", Iso(Start.AddSeconds(3))));
        var query = Query(criteria, "Email");
        query["query"]!["page"] = 2;

        var page = await RunAsync(sandbox, query);

        Assert.Equal([Id(seeded[5])], page.Rows.Skip(1).Select(r => r[0])); // matches: 1, 4, 5; page 2 of 2 per page
        Assert.Equal(1, page.Result["count"]!.GetValue<int>());
        Assert.False(page.Result["more_records"]!.GetValue<bool>());
    }

    [Fact] // CSV escaping of every value a lead can hold (no line breaks: §2.11 refuses control characters), unicode included
    public async Task Values_with_commas_quotes_and_unicode_come_back_exactly()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var id = (await sandbox.InsertAsync(new JsonObject
        {
            ["Last_Name"] = "O'Brien, \"Jr\"", ["First_Name"] = "Zoë 李", ["Company"] = "Smith; Jones, & \"Co\" 🚀", ["Email"] = "obrien@example.com",
        }))[0];

        var read = await RunAsync(sandbox, Query(null, "First_Name", "Last_Name", "Company", "Owner", "Created_Time"));

        var row = Assert.Single(read.Rows.Skip(1));
        Assert.Equal([id, "Zoë 李", "O'Brien, \"Jr\"", "Smith; Jones, & \"Co\" 🚀", SandboxJson.UserId], row[..5]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$", row[5]);
    }

    [Fact] // §4.2 and §6.1: 50 credits per job; the 11th download within a minute is 429
    public async Task A_read_job_costs_50_credits_and_downloads_are_limited_to_10_a_minute()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await app.ZohoSeedAsync(3, "Limit", Start);
        var before = sandbox.Control.State().CreditsUsed;
        var (jobId, _) = await CreateAsync(sandbox, Query(null, "Email"));
        var credits = sandbox.Control.State().CreditsUsed - before;
        await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/read/{jobId}");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await sandbox.SendAsync(HttpMethod.Get, $"crm/bulk/v8/read/{jobId}/result");
            statuses.Add(response.StatusCode);
            if (i == 10)
            {
                Assert.Equal("TOO_MANY_REQUESTS", (await SandboxBulkHttp.Json(response))["code"]!.GetValue<string>());
            }
        }

        Assert.Equal(50, credits);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    public static TheoryData<string, string, string> BadQueries => new()
    {
        { "module Foo", "INVALID_MODULE", "$.query.module.api_name" },
        { "unknown field", "INVALID_DATA", "$.query.fields[0]" },
        { "milliseconds", "INVALID_QUERY", "$.query.criteria.value" },
        { "unknown comparator", "INVALID_QUERY", "$.query.criteria.comparator" },
        { "bad page_token", "INVALID_DATA", "$.query.page_token" },
        { "callback to another host", "INVALID_DATA", "$.callback.url" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_read_job_is_refused_naming_the_field_and_costs_nothing(string bad, string code, string jsonPath)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var body = Query(Condition("Modified_Time", "greater_than", Iso(Start)), "Email");
        var query = body["query"]!.AsObject();
        switch (bad)
        {
            case "module Foo": query["module"] = new JsonObject { ["api_name"] = "Foo" }; break;
            case "unknown field": query["fields"] = new JsonArray("Nope"); break;
            case "milliseconds": query["criteria"]!["value"] = "2026-01-05T09:00:00.123+00:00"; break;
            case "unknown comparator": query["criteria"]!["comparator"] = "like"; break;
            case "bad page_token": query["page_token"] = "no-such-token"; break;
            default: body["callback"] = new JsonObject { ["url"] = "https://example.com/hook", ["method"] = "post" }; break;
        }

        var (status, answer) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/read", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, answer!["code"]!.GetValue<string>());
        Assert.Equal(jsonPath, answer["details"]!["json_path"]!.GetValue<string>());
        Assert.Equal(0, sandbox.Control.State().CreditsUsed);
    }

    [Fact]
    public async Task A_result_asked_for_before_the_job_completed_is_refused()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:Bulk:StepMilliseconds", "60000");
        using var sandbox = new SandboxHttp(app);
        var (jobId, created) = await CreateAsync(sandbox, Query(null, "Email"));

        using var response = await sandbox.SendAsync(HttpMethod.Get, $"crm/bulk/v8/read/{jobId}/result");

        Assert.Equal("ADDED", created["data"]![0]!["details"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("once its state is COMPLETED", (await SandboxBulkHttp.Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    internal static JsonObject Query(JsonNode? criteria, params string[] fields)
    {
        var query = new JsonObject { ["module"] = new JsonObject { ["api_name"] = "Leads" }, ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) };
        if (criteria is not null)
        {
            query["criteria"] = criteria.DeepClone();
        }

        return new JsonObject { ["query"] = query };
    }

    internal static JsonObject Condition(string field, string comparator, JsonNode value) =>
        new() { ["field"] = new JsonObject { ["api_name"] = field }, ["comparator"] = comparator, ["value"] = value };

    internal static async Task<(string JobId, JsonObject Body)> CreateAsync(SandboxHttp sandbox, JsonObject body)
    {
        var (status, created) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/read", body);
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        return (created!["data"]![0]!["details"]!["id"]!.GetValue<string>(), created);
    }

    internal static async Task<(JsonObject Result, List<string[]> Rows)> RunAsync(SandboxHttp sandbox, JsonObject body)
    {
        var (jobId, _) = await CreateAsync(sandbox, body);
        var (final, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/read/{jobId}");
        var result = final["result"]!.AsObject();
        Assert.Equal($"/crm/bulk/v8/read/{jobId}/result", result["download_url"]!.GetValue<string>());
        return (result, await SandboxBulkHttp.DownloadRowsAsync(sandbox, result["download_url"]!.GetValue<string>().TrimStart('/')));
    }

    private static JsonObject Group(string op, params JsonNode[] items) => new() { ["group_operator"] = op, ["group"] = new JsonArray(items) };

    private static JsonObject Token(JsonObject body, JsonObject result)
    {
        body["query"]!["page_token"] = result["next_page_token"]!.GetValue<string>();
        return body;
    }

    private static string Summary(JsonObject result) => new JsonObject
    {
        ["page"] = result["page"]!.DeepClone(), ["per_page"] = result["per_page"]!.DeepClone(),
        ["count"] = result["count"]!.DeepClone(), ["more_records"] = result["more_records"]!.DeepClone(),
    }.ToJsonString();

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private static string Id(SandboxLead lead) => lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
