using LeadSync.Core.Leads;

namespace LeadSync.Core.Sync;

/// <summary>
/// A linked lead whose Zoho record changed to values the pull refuses (a broken rule, an email another lead uses):
/// the sides differ, so the lead shows <see cref="SyncState.Error"/> with a <c>ZOHO_COPY_…</c> error naming the field
/// and the rule, and keeps its last agreed values. A later valid version of the record merges as usual and clears it.
/// </summary>
internal static class RefusedZohoCopy
{
    public const string CodePrefix = "ZOHO_COPY_";

    /// <summary>True when the error is a refused Zoho copy (still on the lead while a retry is pending).</summary>
    public static bool IsRefusal(SyncError? error) => error?.Code.StartsWith(CodePrefix, StringComparison.Ordinal) == true;

    /// <summary>True when the lead shows a refused Zoho copy (not a push that Zoho refused).</summary>
    public static bool Shows(Lead lead) =>
        lead.SyncState == SyncState.Error && lead.LastError?.Code.StartsWith(CodePrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Puts the error on the lead; false when nothing changed (it already shows it, or it waits for an admin as a
    /// Conflict or DeadLetter, which already say the sides differ).
    /// </summary>
    public static bool Show(Lead lead, string pullErrorCode, string? field, string reason)
    {
        var text = $"Zoho's copy was not applied: {reason} This lead keeps its last synced values until Zoho holds a valid version or a change made here is pushed.";
        return State.LeadSyncTransitions.ShowRefusedZohoCopy(lead, new SyncError(CodePrefix + pullErrorCode, field, SyncError.Clip(text)!));
    }

    /// <summary>
    /// A valid version arrived: the refusal no longer stands. The lead goes back to Synced (Pending when a change of
    /// its own waits in the outbox); the merge that follows settles it as usual. False when it showed no refusal.
    /// </summary>
    public static bool Clear(Lead lead, bool queued, DateTimeOffset now)
    {
        if (!Shows(lead))
        {
            return false;
        }

        State.LeadSyncTransitions.ClearRefusedZohoCopy(lead, queued, now);
        return true;
    }
}
