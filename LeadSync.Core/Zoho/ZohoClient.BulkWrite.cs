using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Bulk Write (§6.2) over the same call pipeline as the record API: the upload goes to the data centre's file host
/// (§1.1) with <c>feature: bulk-write</c> and <c>X-CRM-ORG</c>; the job calls go to <c>/crm/bulk/{v}/write</c>.
/// Creating a job is not idempotent: after a lost answer it is not repeated (the job may exist).
/// </summary>
internal sealed partial class ZohoClient : IZohoBulkWriteClient
{
    /// <summary>What creating a write job costs (§4.2). Uploads, job details and result downloads are not listed as costing credits.</summary>
    public const int BulkWriteJobCredits = 500;

    private (string Key, string OrgId)? orgCache;

    public async Task<string> UploadBulkFileAsync(ZohoBulkFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Rows is < 1 or > ZohoBulkFile.MaxRows || file.Zip.Length > ZohoBulkFile.MaxBytes)
        {
            throw new ArgumentException($"A bulk write file holds 1 to {ZohoBulkFile.MaxRows} rows and at most 25 MB (§6.2); {file.Rows} rows, {file.Zip.Length} bytes given.", nameof(file));
        }

        var headers = new Dictionary<string, string> { ["feature"] = "bulk-write", ["X-CRM-ORG"] = await OrgIdAsync(cancellationToken) };
        var call = new ZohoApiRequest(HttpMethod.Post, "upload", [], null, Idempotent: true, Credits: 0, RecordsSent: file.Rows)
        {
            Route = ZohoCallRoute.FileHost, Headers = headers, Content = () => Multipart(file),
        };
        return await ExecuteAsync(call, ParseFileId, _ => file.Rows, cancellationToken);
    }

    public async Task<ZohoBulkWriteJob> CreateBulkWriteJobAsync(ZohoBulkWriteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FileId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FindBy);
        if (request.Columns.Count == 0 || !request.Columns.Contains(request.FindBy, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Columns must name the CSV's columns, {request.FindBy} (find_by) among them (§6.2).", nameof(request));
        }

        var resource = new JsonObject
        {
            ["type"] = "data",
            ["module"] = new JsonObject { ["api_name"] = "Leads" },
            ["file_id"] = request.FileId,
            ["find_by"] = request.FindBy,
            ["field_mappings"] = new JsonArray(request.Columns.Select((c, i) => (JsonNode?)Mapping(request, c, i)).ToArray()),
        };
        var body = new JsonObject { ["operation"] = "upsert", ["ignore_empty"] = false, ["resource"] = new JsonArray(resource) };
        if (request.CallbackUrl is { } url)
        {
            body["callback"] = new JsonObject { ["url"] = url, ["method"] = "post" };
        }

        var call = new ZohoApiRequest(HttpMethod.Post, "write", [], ZohoJson.Serialize(body), Idempotent: false, Credits: BulkWriteJobCredits) { Route = ZohoCallRoute.BulkApi };
        return await ExecuteAsync(call, ParseCreatedJob, _ => 0, cancellationToken);
    }

    /// <summary>One column's mapping: its API name and place, and its <c>format</c> when the request names one (dates).</summary>
    private static JsonObject Mapping(ZohoBulkWriteRequest request, string column, int index)
    {
        var mapping = new JsonObject { ["api_name"] = column, ["index"] = index };
        if (request.Formats.TryGetValue(column, out var format))
        {
            mapping["format"] = format;
        }

        return mapping;
    }

    public async Task<ZohoBulkWriteJob> GetBulkWriteJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var call = new ZohoApiRequest(HttpMethod.Get, "write/" + Uri.EscapeDataString(jobId), [], null, Idempotent: true, Credits: 0) { Route = ZohoCallRoute.BulkApi };
        return await ExecuteAsync(call, r => ParseJob(r, jobId), _ => 0, cancellationToken);
    }

    public async Task<byte[]> DownloadBulkWriteResultAsync(ZohoBulkWriteJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var url = job.DownloadUrl ?? throw new ArgumentException($"Job {job.Id} has no result to download (state {job.State}).", nameof(job));
        var call = new ZohoApiRequest(HttpMethod.Get, url, [], null, Idempotent: true, Credits: 0) { Route = ZohoCallRoute.Given, BinaryAnswer = true };
        return await ExecuteAsync(call, r => r.Bytes ?? throw new FormatException("The result download had no body."), b => 0, cancellationToken);
    }

    /// <summary>The org id for <c>X-CRM-ORG</c>: configured, else read once per connection from <c>GET /crm/{v}/org</c> (1 credit).</summary>
    private async Task<string> OrgIdAsync(CancellationToken cancellationToken)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        if (settings.OrgId is { } configured)
        {
            return configured;
        }

        if (orgCache is { } cached && cached.Key == settings.CredentialsKey)
        {
            return cached.OrgId;
        }

        var call = new ZohoApiRequest(HttpMethod.Get, "org", [], null, Idempotent: true, Credits: 1);
        var org = await ExecuteAsync(call, ParseOrgId, _ => 0, cancellationToken);
        orgCache = (settings.CredentialsKey, org);
        return org;
    }

    private static MultipartFormDataContent Multipart(ZohoBulkFile file)
    {
        var content = new MultipartFormDataContent();
        var zip = new ByteArrayContent(file.Zip);
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(zip, "file", file.FileName);
        return content;
    }

    private static string ParseFileId(ZohoResponse response) =>
        ZohoJson.Id(Details(ZohoJson.Root(response)), "file_id") ?? throw new FormatException("The upload answer has no details.file_id.");

    private static ZohoBulkWriteJob ParseCreatedJob(ZohoResponse response)
    {
        var id = ZohoJson.Id(Details(ZohoJson.Root(response)), "id") ?? throw new FormatException("The bulk write answer has no job id.");
        return new ZohoBulkWriteJob(id, ZohoBulkJobState.Added, null);
    }

    private static string ParseOrgId(ZohoResponse response)
    {
        var org = ZohoJson.Array(ZohoJson.Root(response), "org").FirstOrDefault();
        return (org.ValueKind == JsonValueKind.Object ? ZohoJson.Id(org, "zgid") ?? ZohoJson.Id(org, "id") : null)
            ?? throw new FormatException("The org answer has no org[0].zgid.");
    }

    /// <summary>The job details, at the top level or as <c>data[0]</c>; the state under <c>status</c> or <c>state</c>.</summary>
    private static ZohoBulkWriteJob ParseJob(ZohoResponse response, string jobId)
    {
        var root = ZohoJson.Root(response);
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
        {
            root = data[0];
        }

        var state = ZohoBulkWriteJob.ParseState(ZohoJson.String(root, "status") ?? ZohoJson.String(root, "state"));
        var result = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var file = ZohoJson.Array(root, "resource").Select(x => x.TryGetProperty("file", out var f) ? f : default).FirstOrDefault();
        return new ZohoBulkWriteJob(ZohoJson.Id(root, "id") ?? jobId, state, ZohoJson.String(result, "download_url"))
        {
            Added = Count(file, "added_count"), Updated = Count(file, "updated_count"), Skipped = Count(file, "skipped_count"), Total = Count(file, "total_count"),
        };
    }

    /// <summary><c>details</c> of an answer, at the top level or in <c>data[0]</c>.</summary>
    private static JsonElement Details(JsonElement root)
    {
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
        {
            root = data[0];
        }

        return root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
    }

    private static int Count(JsonElement file, string name) =>
        file.ValueKind == JsonValueKind.Object && file.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
