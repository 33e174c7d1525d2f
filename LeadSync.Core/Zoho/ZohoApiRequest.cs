namespace LeadSync.Core.Zoho;

/// <summary>
/// One CRM API call as the client builds it: path under <c>/crm/{version}/</c>, query, JSON body, whether it is safe
/// to repeat after an ambiguous failure, its credit cost (§4.2), whether outcomes are per record (§3), and its
/// conditions (<c>If-Modified-Since</c> on reads, §2.2; <c>If-Unmodified-Since</c> on updates, §2.5).
/// </summary>
internal sealed record ZohoApiRequest(
    HttpMethod Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    string? JsonBody,
    bool Idempotent,
    int Credits,
    int RecordsSent = 0,
    bool RecordLevel = false,
    DateTimeOffset? IfModifiedSince = null,
    DateTimeOffset? IfUnmodifiedSince = null)
{
    /// <summary>A download: a successful answer's body is written to this file as it arrives, never held in memory (§6.1).</summary>
    public string? DownloadTo { get; init; }

    /// <summary>
    /// Where a call goes other than the record API (<c>{api}/crm/{version}/{Path}</c>): the bulk APIs' own roots (§6),
    /// the data centre's file host (§1.1, §6.2) or an address Zoho handed out (a result's <c>download_url</c>).
    /// </summary>
    public ZohoCallRoute Route { get; init; } = ZohoCallRoute.RecordApi;

    /// <summary>A body other than JSON (the multipart upload of §6.2), built afresh for each send; null for none.</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>Extra headers (the upload's <c>feature</c> and <c>X-CRM-ORG</c>, §6.2).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>True when a successful answer is a file (a ZIP), kept as bytes rather than text.</summary>
    public bool BinaryAnswer { get; init; }

    public string Url(string apiBase, string apiVersion) => Url(apiBase, apiBase, apiVersion);

    /// <summary>The full address of the call, given the API host and the file host of the connection.</summary>
    public string Url(string apiBase, string fileBase, string apiVersion)
    {
        var url = Route switch
        {
            ZohoCallRoute.BulkApi => $"{apiBase}/crm/bulk/{apiVersion}/{Path}",
            ZohoCallRoute.FileHost => $"{fileBase}/crm/{apiVersion}/{Path}",
            ZohoCallRoute.Given => Path.StartsWith('/') ? apiBase + Path : Path,
            _ => $"{apiBase}/crm/{apiVersion}/{Path}",
        };
        return Query.Count == 0
            ? url
            : url + "?" + string.Join('&', Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
