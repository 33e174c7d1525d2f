namespace LeadSync.Core.Zoho;

/// <summary>A raw Zoho HTTP answer (status and body) and how long it took.</summary>
internal sealed record ZohoResponse(int HttpStatus, string Body, int? CreditsRemaining, TimeSpan Duration)
{
    public bool IsEmpty => HttpStatus is 204 or 304 || string.IsNullOrWhiteSpace(Body);
}
