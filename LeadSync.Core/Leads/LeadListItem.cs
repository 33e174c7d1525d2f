using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Leads;

/// <summary>A row of the leads grid.</summary>
public sealed record LeadListItem(
    Guid Id,
    string? FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? Status,
    string? Company,
    string? ZohoId,
    SyncState SyncState,
    DateTimeOffset? LastSyncedAt,
    string? LastErrorCode,
    string? LastErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>The lead's values of mapped extra fields (grid columns, the API's <c>fields</c>).</summary>
    public LeadFieldValues ExtraFields { get; init; } = LeadFieldValues.Empty;

    /// <summary>The mapped fields that do not sync for this lead (per-field errors), by API name; empty for most leads.</summary>
    public IReadOnlyList<LeadFieldErrorItem> FieldErrors { get; init; } = [];

    public string DisplayName => string.IsNullOrWhiteSpace(FirstName) ? LastName : $"{FirstName} {LastName}";
}
