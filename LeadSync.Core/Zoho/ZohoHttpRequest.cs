namespace LeadSync.Core.Zoho;

/// <summary>
/// One HTTP request as <see cref="ZohoTransport"/> sends it. <see cref="Content"/> builds a fresh body for each send
/// (a body is disposed after it is sent); <see cref="Timeout"/> bounds the whole exchange, body included.
/// </summary>
internal sealed record ZohoHttpRequest(
    HttpMethod Method,
    string Url,
    Func<HttpContent?> Content,
    IReadOnlyDictionary<string, string> Headers,
    TimeSpan Timeout)
{
    /// <summary>True when a successful answer's body is a file kept as bytes (<see cref="ZohoResponse.Bytes"/>).</summary>
    public bool BinaryAnswer { get; init; }
}
