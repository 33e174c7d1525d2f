using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>
/// The one mapping between a lead's business fields and a Zoho Lead (names in <see cref="ZohoFieldNames"/>); how a change
/// of those fields is described in the history is in <c>LeadMapper.Changes.cs</c>.
/// </summary>
public static partial class LeadMapper
{
    /// <summary>A lead as Zoho gets it whole (creates): the core fields and the extra values that push (<paramref name="extras"/>).</summary>
    public static ZohoLead ToZoho(LeadFields fields, string? zohoId, ExtraFieldSet? extras = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new ZohoLead
        {
            Extra = (extras ?? ExtraFieldSet.None).Pushed(fields.Extra),
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
    public static ZohoLead ToZohoUpdate(LeadFields fields, LeadFields? agreed, string zohoId, ExtraFieldSet? extras = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentException.ThrowIfNullOrWhiteSpace(zohoId);
        extras ??= ExtraFieldSet.None;
        var record = ToZoho(fields, zohoId, extras);
        if (agreed is null)
        {
            return record;
        }

        var changed = LeadFields.Names.Where(f => !agreed.FieldEquals(f, fields)).Select(ZohoFieldNames.ToApiName).ToHashSet(StringComparer.Ordinal);
        changed.UnionWith(fields.Extra.Names.Concat(agreed.Extra.Names).Where(n => extras.Pushes(n) && !agreed.Extra.FieldEquals(n, fields.Extra)));
        return changed.Count > 0
            ? record with { OnlyFields = changed }
            : throw new InvalidOperationException($"Zoho record {zohoId}: nothing changed since the agreed values, so there is nothing to update.");
    }

    /// <summary>
    /// Zoho's values as normalised lead fields (Zoho's <c>-None-</c> status counts as none), with the pulled extra values
    /// the record carries typed per <paramref name="extras"/>' metadata (values that do not fit it left out and listed in
    /// <paramref name="unfit"/>, when given).
    /// </summary>
    public static LeadFields ToFields(ZohoLead lead, ExtraFieldSet? extras = null, List<UnfitValue>? unfit = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var status = string.Equals(lead.LeadStatus?.Trim(), "-None-", StringComparison.Ordinal) ? null : lead.LeadStatus;
        return new LeadFields(lead.FirstName, lead.LastName ?? string.Empty, lead.Email ?? string.Empty, lead.Phone, status, lead.Company)
        {
            Extra = (extras ?? ExtraFieldSet.None).ReadPulled(lead, unfit),
        }.Normalize();
    }
}
