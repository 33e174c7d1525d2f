using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// Before a create whose earlier answer was lost is sent again: looks for the record that attempt may have made
/// (Zoho's leads modified since the attempt, matched by the attempt's email) and, when it is there, links the lead to
/// it with the values that attempt sent as the agreed ones. The caller then merges the record like a pull, so an edit
/// a Zoho user made to it meanwhile is merged or recorded as a conflict, never overwritten by the retry's upsert.
/// Only the leads modified since the attempt are read, at most <see cref="MaxPages"/> pages; past that, or when the
/// record is not there, the retry upserts by email as usual (never a duplicate) — unless Zoho's deleted records show
/// that a Zoho user most likely deleted it meanwhile (<see cref="FindDeletedAsync"/>). The same search serves the delete
/// of a lead deleted here before its lost create was linked (<see cref="FindMadeAsync"/>).
/// </summary>
public sealed class LostCreateRecovery(IDbContextFactory<LeadSyncDbContext> contexts, IZohoClient zoho, SqliteWriteGate writeGate)
{
    public const int MaxPages = 5;

    /// <summary>The claims whose record was found and linked, with that record as Zoho holds it now.</summary>
    public async Task<IReadOnlyList<(ClaimedEntry Claim, ZohoLead Record)>> LinkAsync(IReadOnlyList<ClaimedEntry> creates, CancellationToken cancellationToken)
    {
        var found = await FindMadeAsync(creates.Where(c => c.CreateSnapshot is not null).ToList(), cancellationToken);
        return found.Count == 0 ? [] : await SaveLinksAsync(found, cancellationToken);
    }

    /// <summary>
    /// The records the claims' attempted creates made, where Zoho has them: its leads under the attempts' emails,
    /// modified since the earliest attempt (at most <see cref="MaxPages"/> pages read). Also what the delete of a lead
    /// whose create was attempted but never linked looks for (<c>LeadSyncTransitions.Queue</c>).
    /// </summary>
    public async Task<List<(ClaimedEntry Claim, ZohoLead Record)>> FindMadeAsync(IReadOnlyList<ClaimedEntry> claims, CancellationToken cancellationToken)
    {
        var lost = claims.Where(c => c.CreateAttemptedAt is not null && c.CreateEmail is not null).ToList();
        var found = new List<(ClaimedEntry, ZohoLead)>();
        if (lost.Count == 0)
        {
            return found;
        }

        var byEmail = lost.GroupBy(c => c.CreateEmail!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var since = lost.Min(c => c.CreateAttemptedAt!.Value).AddSeconds(-1);
        var pages = 0;
        await foreach (var page in zoho.ListLeadsAsync(new ZohoListRequest { ModifiedSince = since }, cancellationToken))
        {
            foreach (var record in page.Records)
            {
                if (record.Id is not null && byEmail.Remove(Lead.NormalizeEmail(record.Email), out var claim))
                {
                    found.Add((claim, record));
                }
            }

            if (byEmail.Count == 0 || ++pages >= MaxPages)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Lost creates whose record Zoho has, most likely, deleted since the attempt: claims <see cref="FindMadeAsync"/>
    /// did not find, for which Zoho's deleted records (§2.8, read since the earliest attempt, at most
    /// <see cref="MaxPages"/> pages) hold an entry deleted after the attempt, named as the create named the lead
    /// (<see cref="Shows"/>), and not a record a lead here holds or a delete of ours removed. Zoho's deleted list has no
    /// email, so this is inference, not proof: the caller holds such a lead for a person rather than deleting it or
    /// creating it again (<see cref="PushOutcomeKind.DeletedAfterLostCreate"/>).
    /// </summary>
    public async Task<List<(ClaimedEntry Claim, ZohoDeletedRecord Record)>> FindDeletedAsync(IReadOnlyList<ClaimedEntry> unfound, CancellationToken cancellationToken)
    {
        var lost = unfound.Where(c => c.CreateAttemptedAt is not null && c.CreateSnapshot is not null).ToList();
        var held = new List<(ClaimedEntry, ZohoDeletedRecord)>();
        if (lost.Count == 0)
        {
            return held;
        }

        var named = new List<ZohoDeletedRecord>();
        var pages = 0;
        await foreach (var page in zoho.ListDeletedLeadsAsync(lost.Min(c => c.CreateAttemptedAt!.Value).AddSeconds(-1), cancellationToken))
        {
            named.AddRange(page.Where(d => d.DisplayName is not null && d.DeletedTime is not null));
            if (++pages >= MaxPages)
            {
                break;
            }
        }

        var known = await KnownIdsAsync(named.Select(d => d.Id).ToList(), cancellationToken);
        foreach (var claim in lost)
        {
            var name = Squeezed(claim.CreateSnapshot!.DisplayName); // Zoho's Full_Name without a salutation
            var match = named.FirstOrDefault(d => !known.Contains(d.Id) && d.DeletedTime >= claim.CreateAttemptedAt!.Value.AddSeconds(-1)
                && Shows(d.DisplayName!, name));
            if (match is not null)
            {
                held.Add((claim, match));
            }
        }

        return held;
    }

    /// <summary>Why a lead is held after <see cref="FindDeletedAsync"/> matched <paramref name="record"/>: what was seen and what a person can do.</summary>
    public static ZohoRecordError DeletedError(ZohoDeletedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ZohoRecordError(
            DeletedAfterLostCreateCode,
            $"This lead's create got no answer from Zoho, and no Zoho lead holds its email now, but Zoho's deleted records list a lead named '{record.DisplayName}' "
            + $"(record {record.Id}) deleted at {record.DeletedTime?.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, after that create: most likely the record it made, deleted by a Zoho user. "
            + "LeadSync does not create it again by itself. Delete the lead here to agree with Zoho, or retry it to create it in Zoho again.");
    }

    /// <summary>The code of <see cref="DeletedError"/>.</summary>
    public const string DeletedAfterLostCreateCode = "ZOHO_DELETED_AFTER_LOST_CREATE";


    /// <summary>
    /// True when Zoho's display name of a deleted lead is <paramref name="name"/>: its <c>Full_Name</c> (salutation,
    /// first and last name, docs/zoho §2.4), letter case and spacing aside, with or without a salutation before it.
    /// </summary>
    private static bool Shows(string displayName, string name)
    {
        var shown = Squeezed(displayName);
        return shown.Equals(name, StringComparison.OrdinalIgnoreCase) || shown.EndsWith(" " + name, StringComparison.OrdinalIgnoreCase);
    }

    private static string Squeezed(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Ids a lead here is linked to, or a delete of ours removed (remembered in <see cref="ZohoDeletion"/>, or still in
    /// the outbox after its own answer was lost): not a lost create's record.
    /// </summary>
    private async Task<HashSet<string>> KnownIdsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await LeadSyncTransitions.DeletedOrDeletingByUsAsync(db, ids, cancellationToken);
        known.UnionWith(await db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).Select(l => l.ZohoId!).ToListAsync(cancellationToken));
        return known;
    }

    private async Task<IReadOnlyList<(ClaimedEntry Claim, ZohoLead Record)>> SaveLinksAsync(List<(ClaimedEntry Claim, ZohoLead Record)> found, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        var leadIds = found.Select(f => f.Claim.LeadId).ToList();
        var zohoIds = found.Select(f => f.Record.Id!).ToList();
        var leads = await db.Leads.Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var taken = (await db.Leads.Where(l => l.ZohoId != null && zohoIds.Contains(l.ZohoId)).Select(l => l.ZohoId!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var entries = await db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToDictionaryAsync(e => e.LeadId, cancellationToken);
        var linked = new List<(ClaimedEntry, ZohoLead)>();
        foreach (var (claim, record) in found)
        {
            if (!leads.TryGetValue(claim.LeadId, out var lead) || lead.ZohoId is not null || taken.Contains(record.Id!))
            {
                continue;
            }

            entries.TryGetValue(lead.Id, out var entry);
            LeadSyncTransitions.LinkFoundCreate(lead, entry, record.Id!, claim.CreateSnapshot!);

            linked.Add((claim, record));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return []; // edited meanwhile: the next attempt looks again
        }

        return linked;
    }
}
