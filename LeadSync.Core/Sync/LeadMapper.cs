using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>
/// The one mapping between a lead's business fields and a Zoho Lead (names in <see cref="ZohoFieldNames"/>); how a change
/// of those fields is described in the history is in <c>LeadMapper.Changes.cs</c>.
/// </summary>
public static partial class LeadMapper
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

    /// <summary>
    /// An update of a linked lead that carries only the fields changed since the values both sides last agreed on
    /// (§2.5: only the keys sent change), so an edit made in Zoho to another field meanwhile is not overwritten. With no
    /// agreed values every field is sent. A lead that changed nothing has nothing to send: asking for its update is a bug
    /// (the push completes it without a call), never "send every field".
    /// </summary>
    public static ZohoLead ToZohoUpdate(LeadFields fields, LeadFields? agreed, string zohoId)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentException.ThrowIfNullOrWhiteSpace(zohoId);
        var record = ToZoho(fields, zohoId);
        if (agreed is null)
        {
            return record;
        }

        var changed = LeadFields.Names.Where(f => !agreed.FieldEquals(f, fields)).Select(ZohoFieldNames.ToApiName).ToHashSet(StringComparer.Ordinal);
        return changed.Count > 0
            ? record with { OnlyFields = changed }
            : throw new InvalidOperationException($"Zoho record {zohoId}: nothing changed since the agreed values, so there is nothing to update.");
    }

    /// <summary>Zoho's values as normalised lead fields (Zoho's <c>-None-</c> status counts as none).</summary>
    public static LeadFields ToFields(ZohoLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var status = string.Equals(lead.LeadStatus?.Trim(), "-None-", StringComparison.Ordinal) ? null : lead.LeadStatus;
        return new LeadFields(lead.FirstName, lead.LastName ?? string.Empty, lead.Email ?? string.Empty, lead.Phone, status, lead.Company).Normalize();
    }
}
