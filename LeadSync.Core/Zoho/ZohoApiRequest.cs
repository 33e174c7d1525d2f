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
    /// <summary>A Bulk API call (§6): the path is under <c>/crm/bulk/{version}/</c>.</summary>
    public bool Bulk { get; init; }

    /// <summary>A download: a successful answer's body is written to this file instead of being read as text (§6.1).</summary>
    public string? DownloadTo { get; init; }

    public string Url(string apiBase, string apiVersion)
    {
        var url = Bulk ? $"{apiBase}/crm/bulk/{apiVersion}/{Path}" : $"{apiBase}/crm/{apiVersion}/{Path}";
        return Query.Count == 0
            ? url
            : url + "?" + string.Join('&', Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
