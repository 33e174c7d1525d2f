using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// A pulled record's extra values that did not fit (<see cref="UnfitValue"/>) become per-field errors on its lead —
/// once per Zoho value, with a history row — and a pull error of a field whose value now fits goes. The rest of the
/// record was applied as usual.
/// </summary>
internal static class PullFieldErrors
{
    public static void Apply(PullPage page, Lead lead, ZohoLead record, IReadOnlyList<UnfitValue> unfit)
    {
        foreach (var misfit in unfit)
        {
            var key = (lead.Id, misfit.ApiName);
            var known = page.FieldErrors.TryGetValue(key, out var shown) && string.Equals(shown.Value, misfit.ZohoValue, StringComparison.Ordinal);
            page.FieldErrors[key] = LeadSyncTransitions.ZohoValueUnfit(page.Db, lead.Id, misfit.ApiName, misfit.Reason, misfit.ZohoValue, page.Now);
            page.UnfitSeen = true;
            if (!known)
            {
                page.History(lead.Id, LeadHistoryOutcome.FieldError, error: new SyncError(FieldErrorCodes.Unfit, misfit.ApiName, misfit.Reason));
                page.Tally.Changed.Add((lead.Id, lead.SyncState));
            }
        }

        if (page.FieldErrors.Count == 0)
        {
            return;
        }

        foreach (var name in record.ExtraNames)
        {
            if (page.FieldErrors.Remove((lead.Id, name), out var stale))
            {
                LeadSyncTransitions.ZohoValueFits(page.Db, stale);
                page.Tally.Changed.Add((lead.Id, lead.SyncState));
            }
        }
    }
}
