using System.Text.Json;

namespace LeadSync.Core.Zoho;

/// <summary>A raw Zoho HTTP answer (status and body), how long it took, and Zoho's clock when it answered (its <c>Date</c> header).</summary>
internal sealed record ZohoResponse(int HttpStatus, string Body, int? CreditsRemaining, TimeSpan Duration)
{
    /// <summary>The answer's <c>Date</c> header (whole seconds), when Zoho sent one.</summary>
    public DateTimeOffset? ServerDate { get; init; }

    /// <summary>The body of a successful answer to a request for a file (a ZIP); null otherwise.</summary>
    public byte[]? Bytes { get; init; }

    public bool IsEmpty => Bytes is null && (HttpStatus is 204 or 304 || string.IsNullOrWhiteSpace(Body));

    private (bool Parsed, JsonElement Root)? json;

    /// <summary>
    /// The body as JSON, parsed once however many readers ask (the error check, then the results): false when it is
    /// not JSON.
    /// </summary>
    public bool TryGetJson(out JsonElement root)
    {
        json ??= ZohoErrors.TryParse(Body, out var parsed) ? (true, parsed) : (false, default);
        root = json.Value.Root;
        return json.Value.Parsed;
    }
}
