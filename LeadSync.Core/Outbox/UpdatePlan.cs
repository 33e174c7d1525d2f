using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Outbox;

/// <summary>
/// How a batch of updates to linked leads goes out, decided against Zoho's current versions of the records (read just
/// before): records Zoho changed since the values both sides agreed on are merged first (<see cref="ChangedInZoho"/>,
/// like a pull of those records: per-field, by the conflict policy, never overwritten unseen); the others are sent
/// with only their changed fields and the precondition <see cref="UnmodifiedSince"/>, so a Zoho edit landing between
/// the read and the write is refused (§2.5, 412 <c>ALREADY_MODIFIED</c>) instead of overwritten. A Zoho copy that
/// breaks LeadSync's field rules cannot be merged (the pull refused it): the lead's own, valid values replace it whole.
/// </summary>
internal sealed record UpdatePlan(
    IReadOnlyList<(ClaimedEntry Claim, ZohoLead Record)> Send,
    IReadOnlyList<(ClaimedEntry Claim, ZohoLead Current)> ChangedInZoho,
    IReadOnlyList<ClaimedEntry> Unchanged,
    DateTimeOffset? UnmodifiedSince)
{
    /// <summary>
    /// Plans the updates. A record Zoho no longer has is sent as it is (Zoho's "invalid id" answer unlinks it); one whose
    /// synced fields differ from the agreed values was changed in Zoho (a Modified_Time that moved without a change to
    /// those fields, e.g. an edit of a field LeadSync does not sync, is not a conflict).
    /// </summary>
    public static UpdatePlan Make(IReadOnlyList<ClaimedEntry> updates, IReadOnlyList<ZohoLead> current, ExtraFieldSet? extras = null)
    {
        extras ??= ExtraFieldSet.None;
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(current);
        var byId = current.Where(r => r.Id is not null).GroupBy(r => r.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var send = new List<(ClaimedEntry, ZohoLead)>();
        var changed = new List<(ClaimedEntry, ZohoLead)>();
        var unchanged = new List<ClaimedEntry>();
        DateTimeOffset? since = null;
        foreach (var claim in updates)
        {
            var fields = claim.Sent ?? throw new ArgumentException("An update carries the lead's values.", nameof(updates));
            var whole = false;
            if (byId.TryGetValue(claim.LeadZohoId!, out var record))
            {
                var unfit = new List<UnfitValue>(); // a Zoho value that does not fit is not a change in Zoho (the pull shows it)
                var read = LeadMapper.ToFields(record, extras, unfit);
                var zoho = extras.ZohoSide(read, ExtraFieldSet.WithoutUnfit(record, unfit), claim.Agreed, fields);
                whole = LeadValidator.Validate(zoho).Count > 0;
                if (!whole && !zoho.SameValuesAs(claim.Agreed ?? fields))
                {
                    changed.Add((claim, record));
                    continue;
                }

                if (!whole && claim.Agreed is { } agreed && fields.SameValuesAs(agreed))
                {
                    unchanged.Add(claim); // a repair asked for a copy Zoho holds valid and as agreed: nothing to write
                    continue;
                }

                if (record.ModifiedTime is { } modified && (since is null || modified > since))
                {
                    since = modified;
                }
            }

            send.Add((claim, whole ? LeadMapper.ToZoho(fields, claim.LeadZohoId!, extras) : LeadMapper.ToZohoUpdate(fields, claim.Agreed, claim.LeadZohoId!, extras)));
        }

        return new UpdatePlan(send, changed, unchanged, since);
    }

    /// <summary>
    /// True when the lead holds exactly the values both sides agreed on (a withheld field aside) and Zoho's copy was not
    /// refused: there is nothing to send, and no call is made.
    /// </summary>
    public static bool NothingToSend(ClaimedEntry claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return !claim.RepairsZohoCopy && claim.Sent is { } fields && claim.Agreed is { } agreed && fields.SameValuesAs(agreed);
    }
}
