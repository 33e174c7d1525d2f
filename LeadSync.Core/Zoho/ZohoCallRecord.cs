namespace LeadSync.Core.Zoho;

/// <summary>One HTTP call to Zoho, as logged and counted: no headers, no tokens, no bodies.</summary>
public sealed record ZohoCallRecord(
    string Method,
    string Path,
    int? Status,
    int Records,
    int Credits,
    TimeSpan Duration,
    string? ErrorCode,
    int? CreditsRemaining);
