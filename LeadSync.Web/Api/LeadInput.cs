using System.Text.Json;
using LeadSync.Core.Leads;

namespace LeadSync.Web.Api;

/// <summary>
/// The body of <c>POST /api/leads</c> and <c>PUT /api/leads/{id}</c>. On PUT, <see cref="Version"/> (or an
/// <c>If-Match</c> header) makes the update fail with 409 if the lead changed since it was read. <see cref="Fields"/> holds
/// mapped extra fields by Zoho API name, typed per Zoho's metadata (text, number, true/false, an array for a multi-select,
/// <c>yyyy-MM-dd</c> dates, date-times with an offset); only the fields named change, a null clears one.
/// </summary>
public sealed record LeadInput(
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? Status,
    string? Company,
    long? Version = null,
    IReadOnlyDictionary<string, JsonElement>? Fields = null)
{
    public LeadFields ToFields() => new(FirstName, LastName ?? string.Empty, Email ?? string.Empty, Phone, Status, Company);

    /// <summary>The change this input asks for: every core field, and the extra fields <see cref="Fields"/> names (Core applies them to the lead as it writes it).</summary>
    public LeadPatch ToPatch() => new(ToFields(), Fields);
}
