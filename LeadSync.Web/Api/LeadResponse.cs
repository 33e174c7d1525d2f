using System.Text.Json.Nodes;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;

namespace LeadSync.Web.Api;

/// <summary>
/// A lead as the API returns it. <see cref="Version"/> is also the <c>ETag</c>. <see cref="Fields"/> holds the values of
/// mapped extra fields by Zoho API name as typed JSON (fields without a value are absent).
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
    IReadOnlyDictionary<string, JsonNode> Fields)
{
    public static LeadResponse From(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new(lead.Id, lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Status, lead.Company, lead.ZohoId,
            lead.SyncState.ToString(), lead.LastSyncedAt,
            lead.LastError is { } e ? new LeadErrorResponse(e.Code, e.Message) : null,
            lead.CreatedAt, lead.UpdatedAt, lead.Version, Json(lead.ExtraFields));
    }

    public static LeadResponse From(LeadListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.FirstName, item.LastName, item.Email, item.Phone, item.Status, item.Company, item.ZohoId,
            item.SyncState.ToString(), item.LastSyncedAt,
            item.LastErrorCode is { } code ? new LeadErrorResponse(code, item.LastErrorMessage) : null,
            item.CreatedAt, item.UpdatedAt, item.Version, Json(item.ExtraFields));
    }

    private static Dictionary<string, JsonNode> Json(LeadFieldValues values) =>
        values.Entries.ToDictionary(e => e.Key, e => e.Value.ToJson(), StringComparer.Ordinal);
}
