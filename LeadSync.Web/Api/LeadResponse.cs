using System.Text.Json.Nodes;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;

namespace LeadSync.Web.Api;

/// <summary>
/// A lead as the API returns it. <see cref="Version"/> is also the <c>ETag</c>. <see cref="Fields"/> holds the values of
/// mapped extra fields by Zoho API name as typed JSON (fields without a value are absent); <see cref="FieldErrors"/> the
/// mapped fields that do not sync for this lead (empty for most leads).
/// </summary>
public sealed record LeadResponse(
    Guid Id,
    string? FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? Status,
    string? Company,
    string? ZohoId,
    string SyncState,
    DateTimeOffset? LastSyncedAt,
    LeadErrorResponse? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    IReadOnlyDictionary<string, JsonNode> Fields,
    IReadOnlyList<LeadFieldErrorResponse> FieldErrors)
{
    /// <summary>The lead with its field errors as read beside it (<c>LeadQueries.FieldErrorsAsync</c>; none for a new lead).</summary>
    public static LeadResponse From(Lead lead, IReadOnlyList<LeadFieldErrorItem>? fieldErrors = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new(lead.Id, lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Status, lead.Company, lead.ZohoId,
            lead.SyncState.ToString(), lead.LastSyncedAt,
            lead.LastError is { } e ? new LeadErrorResponse(e.Code, e.Message) : null,
            lead.CreatedAt, lead.UpdatedAt, lead.Version, Json(lead.ExtraFields), Errors(fieldErrors ?? []));
    }

    public static LeadResponse From(LeadListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.FirstName, item.LastName, item.Email, item.Phone, item.Status, item.Company, item.ZohoId,
            item.SyncState.ToString(), item.LastSyncedAt,
            item.LastErrorCode is { } code ? new LeadErrorResponse(code, item.LastErrorMessage) : null,
            item.CreatedAt, item.UpdatedAt, item.Version, Json(item.ExtraFields), Errors(item.FieldErrors));
    }

    private static List<LeadFieldErrorResponse> Errors(IReadOnlyList<LeadFieldErrorItem> errors) => [.. errors.Select(LeadFieldErrorResponse.From)];

    private static Dictionary<string, JsonNode> Json(LeadFieldValues values) =>
        values.Entries.ToDictionary(e => e.Key, e => e.Value.ToJson(), StringComparer.Ordinal);
}
