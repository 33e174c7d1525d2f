using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>The one mapping between a lead's business fields and a Zoho Lead (names in <see cref="ZohoFieldNames"/>).</summary>
public static class LeadMapper
{
    public static ZohoLead ToZoho(LeadFields fields, string? zohoId)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new ZohoLead
        {
            Id = zohoId,
            FirstName = fields.FirstName,
            LastName = fields.LastName,
            Email = fields.Email,
            Phone = fields.Phone,
            LeadStatus = fields.Status,
            Company = fields.Company,
        };
    }

    /// <summary>Zoho's values as normalised lead fields (Zoho's <c>-None-</c> status counts as none).</summary>
    public static LeadFields ToFields(ZohoLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var status = string.Equals(lead.LeadStatus?.Trim(), "-None-", StringComparison.Ordinal) ? null : lead.LeadStatus;
        return new LeadFields(lead.FirstName, lead.LastName ?? string.Empty, lead.Email ?? string.Empty, lead.Phone, status, lead.Company).Normalize();
    }

    /// <summary><c>Field: old → new</c> lines for the fields that differ (null when none).</summary>
    public static string? Describe(LeadFields? before, LeadFields after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var lines = LeadFields.Names
            .Where(f => before is null || !before.FieldEquals(f, after))
            .Where(f => before is not null || after.Get(f) is not null)
            .Select(f => $"{f}: {Show(before?.Get(f))} → {Show(after.Get(f))}")
            .ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private static string Show(string? value) => value is null ? "∅" : value;
}
