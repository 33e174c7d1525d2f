using LeadSync.Core.Data;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// Per-field errors (<see cref="LeadFieldError"/>): one extra field Zoho refused, or whose Zoho value does not fit, is
/// left out while the rest of the lead syncs. The lead's <see cref="SyncState"/> says how the rest stands (Synced once
/// the other fields are in Zoho); the field errors say which fields do not sync, until the value changes (push), a
/// fitting value arrives (pull) or an admin changes the field's mapping.
/// </summary>
public static partial class LeadSyncTransitions
{
    /// <summary>
    /// Zoho refused the lead's value of <paramref name="apiName"/> (not a core field): the field error is recorded with
    /// the value refused, the attempt counts, and the entry is due again now — the next push leaves the field out while
    /// the lead holds that value. The lead stays Pending; it is not failed as a whole.
    /// </summary>
    // Six arguments: the unit of work, the lead and its entry, the field and Zoho's error, and now.
    public static LeadFieldError FieldRefused(LeadSyncDbContext db, Lead lead, OutboxEntry entry, string apiName, ZohoRecordError error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(error);
        entry.Attempts++;
        entry.LastErrorCode = error.Code;
        entry.LastErrorMessage = Truncate($"{apiName}: {error.Message}");
        entry.NextAttemptAt = now;
        GiveBack(entry);
        var value = FieldValue.ToStoredText(lead.ExtraFields.Get(apiName));
        return RecordFieldError(db, lead.Id, new FieldErrorFacts(apiName, FieldErrorDirection.Push, error.Code, error.Message, value), now);
    }

    /// <summary>Zoho took the lead's values: push field errors of the fields sent go (a withheld one stays).</summary>
    public static void FieldsAccepted(LeadSyncDbContext db, IEnumerable<LeadFieldError> pushErrors, IReadOnlySet<string> withheld)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pushErrors);
        ArgumentNullException.ThrowIfNull(withheld);
        foreach (var error in pushErrors.Where(e => e.Direction == FieldErrorDirection.Push && !withheld.Contains(e.ApiName)))
        {
            db.Remove(error);
        }
    }

    /// <summary>
    /// Zoho's value of <paramref name="apiName"/> does not fit the field as LeadSync knows it (retyped, a picklist value
    /// it does not list): the lead keeps its own value of that field and shows the error; the rest of Zoho's copy applies.
    /// </summary>
    public static LeadFieldError ZohoValueUnfit(LeadSyncDbContext db, Guid leadId, string apiName, string reason, string? zohoValue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RecordFieldError(db, leadId, new FieldErrorFacts(apiName, FieldErrorDirection.Pull, FieldErrorCodes.Unfit, reason, zohoValue), now);
    }

    /// <summary>A fitting value (or none) came from Zoho for a field that showed a pull error: the error goes.</summary>
    public static void ZohoValueFits(LeadSyncDbContext db, LeadFieldError pullError)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Remove(pullError);
    }

    /// <summary>An admin changed the mapping of these fields (accepted Zoho's change, unmapped, changed direction): their errors go.</summary>
    public static async Task MappingChangedAsync(LeadSyncDbContext db, IReadOnlyCollection<string> apiNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.RemoveRange(await db.Set<LeadFieldError>().Where(e => apiNames.Contains(e.ApiName)).ToListAsync(cancellationToken));
    }

    /// <summary>Adds the field error, or updates the one tracked or stored for the same lead, field and direction.</summary>
    private static LeadFieldError RecordFieldError(LeadSyncDbContext db, Guid leadId, FieldErrorFacts facts, DateTimeOffset now)
    {
        var error = db.ChangeTracker.Entries<LeadFieldError>().Select(e => e.Entity)
            .FirstOrDefault(e => e.LeadId == leadId && e.ApiName == facts.ApiName && e.Direction == facts.Direction);
        if (error is null)
        {
            error = new LeadFieldError { LeadId = leadId, ApiName = facts.ApiName, Direction = facts.Direction };
            db.Add(error);
        }

        error.Code = facts.Code;
        error.Message = Truncate(facts.Message) ?? facts.Code;
        error.Value = facts.Value is { Length: > 4000 } ? null : facts.Value;
        error.At = now;
        return error;
    }

    private readonly record struct FieldErrorFacts(string ApiName, FieldErrorDirection Direction, string Code, string Message, string? Value);
}
