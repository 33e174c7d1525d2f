using System.Text.Json;
using System.Text.Json.Nodes;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Bulk Read of Leads (§6.1) and the record count: create a job (50 credits), follow it, download its ZIP to a file
/// through the same call pipeline (backoff on 429, token refresh, the call report).
/// </summary>
internal sealed partial class ZohoClient : IZohoBulkReadClient
{
    /// <summary>A result ZIP of 200,000 records may take minutes on a slow link; the whole download is bounded by this.</summary>
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(15);

    public Task<ZohoBulkReadJob> CreateReadJobAsync(ZohoBulkReadQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Fields.Count is 0 or > 200 || query.Page < 1)
        {
            throw new ArgumentException($"A read job names 1 to 200 fields and a page from 1 (§6.1); {query.Fields.Count} fields, page {query.Page} given.", nameof(query));
        }

        // Not idempotent: a repeat after a lost answer makes a second job (50 more credits); only a 429 is retried.
        var call = new ZohoApiRequest(HttpMethod.Post, "read", [], ZohoJson.Serialize(ReadJobBody(query)), Idempotent: false, Credits: 50) { Route = ZohoCallRoute.BulkApi };
        return ExecuteAsync(call, ParseReadJob, _ => 0, cancellationToken);
    }

    public Task<ZohoBulkReadJob> GetReadJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        CheckJobId(jobId);
        var call = new ZohoApiRequest(HttpMethod.Get, "read/" + jobId, [], null, Idempotent: true, Credits: 0) { Route = ZohoCallRoute.BulkApi };
        return ExecuteAsync(call, ParseReadJob, _ => 0, cancellationToken);
    }

    public async Task<ZohoBulkReadFile> DownloadReadResultAsync(string jobId, CancellationToken cancellationToken = default)
    {
        CheckJobId(jobId);
        var path = ZohoBulkReadFile.NewPath();
        var call = new ZohoApiRequest(HttpMethod.Get, $"read/{jobId}/result", [], null, Idempotent: true, Credits: 0) { Route = ZohoCallRoute.BulkApi, DownloadTo = path };
        try
        {
            await ExecuteAsync(call, _ => true, _ => 0, cancellationToken);
            return new ZohoBulkReadFile(path);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public Task<long> CountLeadsAsync(DateTimeOffset? modifiedAfter, CancellationToken cancellationToken = default)
    {
        var query = modifiedAfter is { } after
            ? new List<KeyValuePair<string, string>> { new("criteria", $"(Modified_Time:greater_than:{ZohoDateTime.Format(after)})") }
            : [];
        var call = new ZohoApiRequest(HttpMethod.Get, "Leads/actions/count", query, null, Idempotent: true, Credits: 1);
        return ExecuteAsync(call, ParseCount, _ => 0, cancellationToken);
    }

    private static void CheckJobId(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        if (!jobId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A Bulk Read job id is digits only (§6.1); '{jobId}' given.", nameof(jobId));
        }
    }

    private static JsonObject ReadJobBody(ZohoBulkReadQuery query)
    {
        var body = new JsonObject
        {
            ["module"] = new JsonObject { ["api_name"] = "Leads" },
            ["fields"] = new JsonArray(query.Fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        };
        if (query.ModifiedAfter is { } after)
        {
            var condition = new JsonObject
            {
                ["field"] = new JsonObject { ["api_name"] = "Modified_Time" },
                ["comparator"] = "greater_than",
                ["value"] = ZohoDateTime.Format(after), // §6.1: no milliseconds
            };
            body["criteria"] = new JsonObject { ["group_operator"] = "and", ["group"] = new JsonArray(condition) };
        }

        if (query.PageToken is not null)
        {
            body["page_token"] = query.PageToken;
        }
        else
        {
            body["page"] = query.Page;
        }

        return new JsonObject { ["query"] = body };
    }

    private static ZohoBulkReadJob ParseReadJob(ZohoResponse response)
    {
        var item = ZohoJson.Array(ZohoJson.Root(response), "data").FirstOrDefault();
        if (ZohoJson.String(item, "status") == "error")
        {
            throw ZohoErrors.Create(ZohoErrors.ParseError(item), response.HttpStatus is >= 200 and < 300 ? 400 : response.HttpStatus);
        }

        // Create answers {status, code, details:{id, state}}; job details answer the job itself.
        var job = item.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : item;
        var id = ZohoJson.Id(job, "id");
        var state = ZohoJson.String(job, "state");
        if (id is null || state is null)
        {
            throw new ZohoApiException(ZohoFailureKind.Permanent, new ZohoRecordError("INVALID_RESPONSE", "Zoho's Bulk Read answer names no job id or state"), (System.Net.HttpStatusCode)response.HttpStatus);
        }

        var result = job.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        return new ZohoBulkReadJob(id, state)
        {
            ServerTime = response.ServerDate,
            CreatedTime = ZohoJson.Time(job, "created_time"),
            Count = Number(result, "count"),
            Page = (int)Math.Max(1, Number(result, "page")),
            MoreRecords = ZohoJson.Bool(result, "more_records"),
            NextPageToken = ZohoJson.String(result, "next_page_token"),
        };
    }

    private static long ParseCount(ZohoResponse response)
    {
        var root = ZohoJson.Root(response);
        return Number(root, "count");
    }

    private static long Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number) ? number : 0;
}
