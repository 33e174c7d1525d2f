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
    /// <summary>
    /// The values of the other Lead fields a client or a person wrote (API name → the value's JSON text), checked against
    /// the sandbox's field metadata when written (<see cref="SandboxFieldValues"/>); null or empty when none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>The JSON text of an extra field's value, or null.</summary>
    public string? ExtraValue(string apiName) => Extra is not null && Extra.TryGetValue(apiName, out var value) ? value : null;

    /// <summary>Zoho's read-only <c>Full_Name</c>: first and last name.</summary>
    public string FullName => string.IsNullOrEmpty(FirstName) ? LastName : $"{FirstName} {LastName}";
}
