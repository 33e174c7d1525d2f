using LeadSync.Core.Leads;

namespace LeadSync.Web.Api;

/// <summary>
/// The body of <c>POST /api/leads</c> and <c>PUT /api/leads/{id}</c>. On PUT, <see cref="Version"/> (or an
/// <c>If-Match</c> header) makes the update fail with 409 if the lead changed since it was read.
/// </summary>
public sealed record LeadInput(
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? Status,
    string? Company,
    long? Version = null)
{
    public LeadFields ToFields() => new(FirstName, LastName ?? string.Empty, Email ?? string.Empty, Phone, Status, Company);
}
