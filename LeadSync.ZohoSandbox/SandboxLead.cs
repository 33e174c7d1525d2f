namespace LeadSync.ZohoSandbox;

/// <summary>A lead held by the sandbox. Times are UTC at whole seconds (§2.1); ids are 19-digit numbers, sent as strings.</summary>
// Nine positional parameters: the id, the six lead fields and the two times, one per stored column (a data shape).
public sealed record SandboxLead(
    long Id,
    string? FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string? LeadStatus,
    string? Company,
    DateTimeOffset CreatedTime,
    DateTimeOffset ModifiedTime)
{
    /// <summary>Zoho's read-only <c>Full_Name</c>: first and last name.</summary>
    public string FullName => string.IsNullOrEmpty(FirstName) ? LastName : $"{FirstName} {LastName}";
}
