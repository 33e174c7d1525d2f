using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync.State;

/// <summary>Transitions of a push that did not succeed: refused by Zoho, retried later, given back unsent.</summary>
public static partial class LeadSyncTransitions
{
    /// <summary>
    /// Zoho refused the values (a rule of Zoho's): the attempt counts, with backoff; after <paramref name="maxAttempts"/>
    /// the entry is dead-lettered. The lead shows the refusal. Returns true when dead-lettered.
    /// </summary>
    // Six arguments: the lead and entry, Zoho's refusal, and the retry schedule (attempts, delay) at this moment.
    public static bool Refused(Lead? lead, OutboxEntry entry, ZohoRecordError error, int maxAttempts, Func<int, TimeSpan> delay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(delay);
        entry.Attempts++;
        entry.LastErrorCode = error.Code;
        entry.LastErrorMessage = Truncate(error.Message);
        entry.DeadLettered = entry.Attempts >= maxAttempts;
        entry.NextAttemptAt = now + delay(entry.Attempts);
        GiveBack(entry);
        if (lead is not null)
        {
            lead.SyncState = entry.DeadLettered ? SyncState.DeadLetter : SyncState.Error;
            lead.LastError = new SyncError(error.Code, error.LeadField, Truncate(error.Message) ?? error.Code);
        }

        return entry.DeadLettered;
    }

    /// <summary>
    /// A passing failure (429, 5xx, timeout, lost answer): tried again after <paramref name="delay"/>. A create that may
    /// have been applied with its answer lost remembers what it sent (<see cref="OutboxEntry.CreateSnapshot"/>).
    /// </summary>
    // Six arguments: the entry and its claim, what happened, and the retry schedule at this moment; each is needed.
    public static void RetryLater(OutboxEntry entry, ClaimedEntry claim, ZohoRecordError? error, bool countsAsAttempt, Func<int, TimeSpan> delay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(delay);
        if (claim.LeadZohoId is null && claim.Operation == OutboxOperation.Upsert && claim.Fields is not null && error?.Code is not "TOO_MANY_REQUESTS")
        {
            entry.CreateSnapshot ??= claim.Fields;
        }

        if (countsAsAttempt)
        {
            entry.Attempts++;
            entry.NextAttemptAt = now + delay(entry.Attempts);
            entry.LastErrorCode = error?.Code;
            entry.LastErrorMessage = Truncate(error?.Message);
        }

        GiveBack(entry);
    }

    /// <summary>Gives a claimed entry back without counting anything (it is due again as it stands).</summary>
    public static void GiveBack(OutboxEntry? entry)
    {
        if (entry is not null)
        {
            entry.ClaimedBy = null;
            entry.ClaimedUntil = null;
        }
    }
}
