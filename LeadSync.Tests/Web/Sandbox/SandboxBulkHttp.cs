using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// Raw HTTP for the sandbox's Bulk APIs (docs/zoho §6): ZIPs made from CSV text, the upload, job creation and polling,
/// and result ZIPs read back into rows.
/// </summary>
internal static class SandboxBulkHttp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A ZIP holding the given entries (name → UTF-8 text).</summary>
    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] CsvZip(string csv) => Zip(("leads.csv", csv));

    public static async Task<HttpResponseMessage> UploadAsync(SandboxHttp sandbox, byte[]? zip, bool feature = true, bool org = true, bool authorize = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("crm/v8/upload", UriKind.Relative));
        if (authorize)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Zoho-oauthtoken " + await sandbox.AccessTokenAsync());
        }

        if (feature)
        {
            request.Headers.Add("feature", "bulk-write");
        }

        if (org)
        {
            request.Headers.Add("X-CRM-ORG", "5725767");
        }

        var form = new MultipartFormDataContent();
        if (zip is not null)
        {
            var file = new ByteArrayContent(zip);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(file, "file", "leads.zip");
        }

        request.Content = form;
        return await sandbox.Http.SendAsync(request, Ct);
    }

    /// <summary>Uploads the CSV (zipped) and returns its file_id.</summary>
    public static async Task<string> UploadCsvAsync(SandboxHttp sandbox, string csv)
    {
        using var response = await UploadAsync(sandbox, CsvZip(csv));
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["details"]!["file_id"]!.GetValue<string>();
    }

    /// <summary>A write job body on one uploaded file.</summary>
    public static JsonObject WriteJob(string fileId, string operation, string? findBy, params (string ApiName, int Index)[] mappings)
    {
        var resource = new JsonObject { ["type"] = "data", ["module"] = new JsonObject { ["api_name"] = "Leads" }, ["file_id"] = fileId };
        if (findBy is not null)
        {
            resource["find_by"] = findBy;
        }

        if (mappings.Length > 0)
        {
            resource["field_mappings"] = new JsonArray([.. mappings.Select(m => (JsonNode)new JsonObject { ["api_name"] = m.ApiName, ["index"] = m.Index })]);
        }

        return new JsonObject { ["operation"] = operation, ["ignore_empty"] = true, ["resource"] = new JsonArray(resource) };
    }

    /// <summary>Creates a write job and returns its id.</summary>
    public static async Task<string> CreateWriteJobAsync(SandboxHttp sandbox, JsonObject body)
    {
        var (status, created) = await sandbox.CallAsync(HttpMethod.Post, "crm/bulk/v8/write", body);
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        return created!["details"]!["id"]!.GetValue<string>();
    }

    /// <summary>Polls a job's details until its state is final (COMPLETED or FAILED); returns the details seen on the way too.</summary>
    public static async Task<(JsonObject Final, List<string> States)> WaitAsync(SandboxHttp sandbox, string path, TimeSpan? timeout = null)
    {
        var states = new List<string>();
        var final = await Eventually.ReadAsync(async () =>
        {
            var (_, body) = await sandbox.CallAsync(HttpMethod.Get, path);
            var details = body!["data"] is JsonArray data ? data[0]!.AsObject() : body;
            var state = (details["state"] ?? details["status"])!.GetValue<string>();
            if (states.Count == 0 || states[^1] != state)
            {
                states.Add(state);
            }

            return details;
        }, d => (d["state"] ?? d["status"])!.GetValue<string>() is "COMPLETED" or "FAILED", $"{path} finished", timeout, TimeSpan.FromMilliseconds(10));
        return (final, states);
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

    /// <summary>Downloads a result ZIP (authorised) and returns its one CSV as rows (header first).</summary>
    public static async Task<List<string[]>> DownloadRowsAsync(SandboxHttp sandbox, string path)
    {
        using var response = await sandbox.SendAsync(HttpMethod.Get, path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return Rows(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    public static List<string[]> Rows(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var entry = Assert.Single(zip.Entries);
        Assert.EndsWith(".csv", entry.Name, StringComparison.Ordinal);
        using var csv = CsvReader.Create(entry.Open(), CsvReaderOptions.Default with { HasHeader = false }, false);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        return rows;
    }
}
