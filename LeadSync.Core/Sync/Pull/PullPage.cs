using LeadSync.Core.Conflicts;
using LeadSync.Core.Data;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// One page of Zoho records applied in one unit of work: the run and moment it belongs to, the lookups its records are
/// matched against (read once per page, kept current as records link, create or change email), and what it did.
/// </summary>
internal sealed class PullPage
{
    private PullPage(LeadSyncDbContext db, SyncRunContext run, ConflictPolicy policy, DateTimeOffset now)
    {
        Db = db;
        Run = run;
        Policy = policy;
        Now = now;
    }

    public LeadSyncDbContext Db { get; }

    public SyncRunContext Run { get; }

    public ConflictPolicy Policy { get; }

    public DateTimeOffset Now { get; }

    public PullTally Tally { get; } = new();

    /// <summary>The mapped extra fields this page reads and merges (read once per page).</summary>
    public ExtraFieldSet Extras { get; set; } = ExtraFieldSet.None;

    public Dictionary<string, Lead> ByZohoId { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Lead> ByEmail { get; } = new(StringComparer.Ordinal);

    /// <summary>The leads the page read, by their Zoho id and email as read (before any merge changed them).</summary>
    public List<(string? ZohoId, string Email)> Read { get; } = [];

    public Dictionary<Guid, OutboxEntry> Entries { get; private set; } = [];

    /// <summary>
    /// Emails under which a first push was attempted and not yet linked (a lost answer may have made exactly these
    /// records): the create's retry links such a record, or, when the lead was deleted here meanwhile, its delete removes it.
    /// </summary>
    public HashSet<string> AttemptedCreateEmails { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Zoho ids of the page whose delete waits in the outbox (a lead deleted here, its delete not sent yet — held back by
    /// a 429, say), or was carried out after this version was read (<see cref="ZohoDeletion"/>): the pull must not bring
    /// the lead back from the record.
    /// </summary>
    public HashSet<string> PendingDeletes { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The open (Pending) conflicts of the page's leads.</summary>
    public List<SyncConflict> PendingConflicts { get; private set; } = [];

    /// <summary>Record versions (Zoho id, Modified_Time) already recorded as pull errors.</summary>
    public HashSet<(string ZohoId, DateTimeOffset? Modified)> KnownErrors { get; private set; } = [];

    /// <summary>The pull field errors of the page's leads (by lead and API name), read when the page pulls extra fields.</summary>
    public Dictionary<(Guid LeadId, string ApiName), LeadFieldError> FieldErrors { get; } = [];

    /// <summary>A value that did not fit was met on this page (the field's metadata may be stale).</summary>
    public bool UnfitSeen { get; set; }

    /// <summary>Reused for each record: the values of the record being applied that did not fit.</summary>
    public List<UnfitValue> Unfit { get; } = [];

    public static async Task<PullPage> LoadAsync(
        LeadSyncDbContext db, SyncRunContext run, IReadOnlyList<ZohoLead> records, ConflictPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var page = new PullPage(db, run, policy, now);
        if (records.Count > 0)
        {
            await page.ReadLookupsAsync(records, cancellationToken);
        }

        return page;
    }

    public void History(Guid leadId, LeadHistoryOutcome outcome, string? changes = null, SyncError? error = null) =>
        new PullHistory(Db, Run, Now).Add(leadId, outcome, changes, error);

    /// <summary>Keeps the lookups current after <paramref name="lead"/> was created, linked or changed its email.</summary>
    public void Remember(Lead lead, string? previousEmail)
    {
        ByZohoId[lead.ZohoId!] = lead;
        if (previousEmail is not null && !string.Equals(previousEmail, lead.EmailNormalized, StringComparison.Ordinal))
        {
            ByEmail.Remove(previousEmail);
        }

        ByEmail[lead.EmailNormalized] = lead;
    }

    /// <summary>Reads (tracked) the pull field errors of the leads the page found.</summary>
    public async Task ReadFieldErrorsAsync(CancellationToken cancellationToken)
    {
        var leadIds = ByEmail.Values.Select(l => l.Id).Concat(ByZohoId.Values.Select(l => l.Id)).Distinct().ToList();
        if (leadIds.Count == 0)
        {
            return;
        }

        foreach (var error in await Db.Set<LeadFieldError>().Where(e => leadIds.Contains(e.LeadId) && e.Direction == FieldErrorDirection.Pull).ToListAsync(cancellationToken))
        {
            FieldErrors[(error.LeadId, error.ApiName)] = error;
        }
    }

    private async Task ReadLookupsAsync(IReadOnlyList<ZohoLead> records, CancellationToken cancellationToken)
    {
        var ids = records.Select(r => r.Id!).Distinct(StringComparer.Ordinal).ToList();
        var emails = records.Select(r => Lead.NormalizeEmail(r.Email)).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        // Two indexed lookups (an OR of both would scan the table on SQLite).
        var found = await Db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).ToListAsync(cancellationToken);
        var foundIds = found.Select(l => l.Id).ToList();
        found.AddRange(await Db.Leads.Where(l => emails.Contains(l.EmailNormalized) && !foundIds.Contains(l.Id)).ToListAsync(cancellationToken));
        foreach (var lead in found)
        {
            Read.Add((lead.ZohoId, lead.EmailNormalized));
            if (lead.ZohoId is not null)
            {
                ByZohoId[lead.ZohoId] = lead;
            }

            ByEmail[lead.EmailNormalized] = lead;
        }

        var leadIds = found.Select(l => l.Id).ToList();
        Entries = await Db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToDictionaryAsync(e => e.LeadId, cancellationToken);
        AttemptedCreateEmails = (await Db.Set<OutboxEntry>().AsNoTracking()
                .Where(e => e.CreateEmail != null && emails.Contains(e.CreateEmail)
                    && ((e.Operation == OutboxOperation.Delete && e.ZohoId == null) || Db.Leads.Any(l => l.Id == e.LeadId && l.ZohoId == null)))
                .Select(e => e.CreateEmail!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        PendingDeletes = await LeadSyncTransitions.DeletedByUsAsync(Db, records, cancellationToken);
        PendingConflicts = await Db.Set<SyncConflict>().Where(c => leadIds.Contains(c.LeadId) && c.Resolution == ConflictResolution.Pending)
            .ToListAsync(cancellationToken);
        KnownErrors = (await Db.Set<PullError>().AsNoTracking().Where(e => ids.Contains(e.ZohoId))
                .Select(e => new { e.ZohoId, e.ZohoModifiedTime }).ToListAsync(cancellationToken))
            .Select(e => (e.ZohoId, e.ZohoModifiedTime)).ToHashSet();
    }
}
