using System.Globalization;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Every change to the sandbox's leads, whether by the API or by a person on the sandbox page: validates, bumps
/// Modified_Time to the current whole second, saves the call in one transaction, sends watch notifications in the
/// background and schedules the workflow rule's follow-up edit.
/// </summary>
public sealed class SandboxLeadService(
    SandboxLeadStore store,
    SandboxClock clock,
    SandboxNotifier notifier,
    SandboxWorkflowRunner workflow,
    SandboxFieldCatalog fieldCatalog)
{
    public SandboxLeadStore Store => store;

    public SandboxClock Clock => clock;

    public async Task<IReadOnlyList<SandboxWriteItem>> InsertAsync(
        IReadOnlyList<SandboxLeadPatch> records, bool runWorkflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var items = new SandboxWriteItem[records.Count];
        var saved = new List<SandboxLead>();
        var extras = CheckExtras(records);
        using (await store.BeginWriteAsync(cancellationToken))
        {
            var now = clock.Now();
            for (var i = 0; i < records.Count; i++)
            {
                var (lead, error) = Build(records[i], extras[i], existing: null, now);
                items[i] = error is not null ? SandboxWriteItem.Failed(error.At(i)) : new SandboxWriteItem { Lead = lead, Action = "insert" };
                if (lead is not null && error is null)
                {
                    saved.Add(lead);
                }
            }

            await store.CommitAsync(new SandboxChangeSet(saved, []), cancellationToken);
        }

        AfterWrite("insert", saved, runWorkflows);
        return items;
    }

    /// <summary>
    /// Updates by id (each patch carries its id); unknown ids fail with "the id given seems to be invalid" (§2.5). With
    /// <paramref name="unmodifiedSince"/> (the <c>If-Unmodified-Since</c> header), a record modified after that second
    /// is left alone and fails with <c>ALREADY_MODIFIED</c>, each record on its own.
    /// </summary>
    public async Task<IReadOnlyList<SandboxWriteItem>> UpdateAsync(
        IReadOnlyList<SandboxLeadPatch> records, bool runWorkflows, bool idInPath, CancellationToken cancellationToken, DateTimeOffset? unmodifiedSince = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var items = new SandboxWriteItem[records.Count];
        var saved = new Dictionary<long, SandboxLead>();
        var extras = CheckExtras(records);
        using (await store.BeginWriteAsync(cancellationToken))
        {
            var rules = new UpdateRules(idInPath, unmodifiedSince, clock.Now());
            for (var i = 0; i < records.Count; i++)
            {
                items[i] = UpdateOne((records[i], extras[i]), i, rules, saved);
            }

            await store.CommitAsync(new SandboxChangeSet([.. saved.Values], []), cancellationToken);
        }

        AfterWrite("update", [.. saved.Values], runWorkflows);
        return items;
    }

    /// <summary>Upsert (§2.6): matches on Email (case-insensitive) when it is a duplicate-check field, else inserts.</summary>
    public async Task<IReadOnlyList<SandboxWriteItem>> UpsertAsync(
        IReadOnlyList<SandboxLeadPatch> records, IReadOnlyList<string> duplicateCheckFields, bool runWorkflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(duplicateCheckFields);
        var batch = new SandboxUpsertBatch(store, matchEmail: duplicateCheckFields.Contains(SandboxLeadFields.Email, StringComparer.Ordinal));
        var items = new SandboxWriteItem[records.Count];
        var extras = CheckExtras(records);
        using (await store.BeginWriteAsync(cancellationToken))
        {
            var now = clock.Now();
            for (var i = 0; i < records.Count; i++)
            {
                var existing = batch.Match(records[i]);
                var (lead, error) = Build(records[i], extras[i], existing, now);
                items[i] = error is not null || lead is null ? SandboxWriteItem.Failed(error!.At(i)) : batch.Add(lead, existing);
            }

            await store.CommitAsync(new SandboxChangeSet([.. batch.Inserted.Values, .. batch.Updated.Values], []), cancellationToken);
        }

        AfterWrite("insert", [.. batch.Inserted.Values], runWorkflows);
        AfterWrite("update", [.. batch.Updated.Values], runWorkflows);
        return items;
    }

    /// <summary>Deletes by id (§2.7); unknown or already deleted ids fail with "record not deleted".</summary>
    public async Task<IReadOnlyList<SandboxWriteItem>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var items = new SandboxWriteItem[ids.Count];
        var gone = new Dictionary<long, SandboxDeletedLead>();
        using (await store.BeginWriteAsync(cancellationToken))
        {
            var now = clock.Now();
            for (var i = 0; i < ids.Count; i++)
            {
                var lead = ParseId(ids[i]) is { } id && !gone.ContainsKey(id) ? store.Find(id) : null;
                if (lead is null)
                {
                    items[i] = SandboxWriteItem.Failed(new SandboxRecordError("INVALID_DATA", "record not deleted") { Id = ids[i] });
                    continue;
                }

                gone[lead.Id] = new SandboxDeletedLead(lead.Id, lead.FullName, now);
                items[i] = new SandboxWriteItem { DeletedId = lead.Id, Action = "delete" };
            }

            await store.CommitAsync(new SandboxChangeSet([], [.. gone.Values]), cancellationToken);
        }

        if (gone.Count > 0)
        {
            notifier.Publish("delete", [.. gone.Keys]);
        }

        return items;
    }

    /// <summary>The workflow rule's field update (§7.11): sets Lead_Status where it differs; never re-triggers workflows.</summary>
    public async Task ApplyWorkflowFieldUpdateAsync(IReadOnlyCollection<long> ids, string leadStatus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var saved = new List<SandboxLead>();
        using (await store.BeginWriteAsync(cancellationToken))
        {
            var now = clock.Now();
            foreach (var id in ids)
            {
                if (store.Find(id) is { } lead && !string.Equals(lead.LeadStatus, leadStatus, StringComparison.Ordinal))
                {
                    saved.Add(lead with { LeadStatus = leadStatus, ModifiedTime = now });
                }
            }

            await store.CommitAsync(new SandboxChangeSet(saved, []), cancellationToken);
        }

        AfterWrite("update", saved, runWorkflows: false);
    }

    /// <summary>Adds <paramref name="count"/> generated leads in one transaction, without notifications (control API, tests, demos).</summary>
    public async Task<int> SeedAsync(int count, string prefix, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using (await store.BeginWriteAsync(cancellationToken))
        {
            var now = clock.Now();
            var leads = new List<SandboxLead>(count);
            for (var i = 1; i <= count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                var id = store.NextId();
                leads.Add(new SandboxLead(id, "Seed", $"{prefix} {n}", $"{prefix.ToLowerInvariant()}.{id}@sandbox.example", null, "Not Contacted", "Sandbox Seed Co", now, now));
            }

            await store.CommitAsync(new SandboxChangeSet(leads, []), cancellationToken);
        }

        return count;
    }

    // The sandbox page's operations: a person editing leads in Zoho's UI (workflows run, like any UI edit).
    public async Task<SandboxWriteItem> CreateAsync(SandboxLeadInput input, CancellationToken cancellationToken) =>
        (await InsertAsync([SandboxLeadPatch.FromInput(input)], runWorkflows: true, cancellationToken))[0];

    public async Task<SandboxWriteItem> EditAsync(long id, SandboxLeadInput input, CancellationToken cancellationToken) =>
        (await UpdateAsync([SandboxLeadPatch.FromInput(input) with { Id = id.ToString(CultureInfo.InvariantCulture) }], runWorkflows: true, idInPath: true, cancellationToken))[0];

    public async Task<SandboxWriteItem> DeleteAsync(long id, CancellationToken cancellationToken) =>
        (await DeleteAsync([id.ToString(CultureInfo.InvariantCulture)], cancellationToken))[0];

    public static long? ParseId(string? id) =>
        id is { Length: > 0 and <= 19 } && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>
    /// One record of an update: its id must name a lead (one written earlier in this call counts), unmodified since
    /// <see cref="UpdateRules.UnmodifiedSince"/> when given, and the result valid.
    /// </summary>
    private SandboxWriteItem UpdateOne((SandboxLeadPatch Patch, SandboxCheckedExtras Extras) record, int index, UpdateRules rules, Dictionary<long, SandboxLead> saved)
    {
        var patch = record.Patch;
        if (string.IsNullOrEmpty(patch.Id))
        {
            return SandboxWriteItem.Failed(SandboxRecordError.Mandatory(SandboxLeadFields.Id).At(index));
        }

        var existing = ParseId(patch.Id) is { } id ? saved.GetValueOrDefault(id) ?? store.Find(id) : null;
        if (existing is null)
        {
            return SandboxWriteItem.Failed(rules.IdInPath
                ? new SandboxRecordError("INVALID_DATA", "the id given seems to be invalid") { ResourcePathIndex = 1 }
                : SandboxRecordError.InvalidId().At(index));
        }

        if (rules.UnmodifiedSince is { } since && existing.ModifiedTime > since)
        {
            return SandboxWriteItem.Failed(SandboxRecordError.AlreadyModified(rules.IdInPath ? null : index));
        }

        var (lead, error) = Build(patch, record.Extras, existing, rules.Now);
        if (error is not null || lead is null)
        {
            return SandboxWriteItem.Failed(error!.At(index));
        }

        saved[lead.Id] = lead;
        return new SandboxWriteItem { Lead = lead, Action = "update" };
    }

    /// <summary>
    /// Each record's extra values checked against the metadata, before the write lease is taken: the checks need
    /// neither the stored leads nor the lease, and writers wait on one another for the lease only.
    /// </summary>
    private SandboxCheckedExtras[] CheckExtras(IReadOnlyList<SandboxLeadPatch> records)
    {
        var fields = fieldCatalog.Extras;
        return [.. records.Select(r => SandboxExtraFields.Check(fields, r))];
    }

    private (SandboxLead? Lead, SandboxRecordError? Error) Build(SandboxLeadPatch patch, SandboxCheckedExtras extras, SandboxLead? existing, DateTimeOffset now)
    {
        if (patch.ReadError is not null)
        {
            return (null, patch.ReadError);
        }

        var lead = existing is null
            ? new SandboxLead(store.NextId(), null, string.Empty, null, null, null, null, now, now)
            : existing with { ModifiedTime = now };
        lead = lead with
        {
            FirstName = patch.Get(SandboxLeadFields.FirstName, lead.FirstName),
            LastName = patch.Get(SandboxLeadFields.LastName, lead.LastName) ?? string.Empty,
            Email = patch.Get(SandboxLeadFields.Email, lead.Email),
            Phone = patch.Get(SandboxLeadFields.Phone, lead.Phone),
            LeadStatus = patch.Get(SandboxLeadFields.LeadStatus, lead.LeadStatus),
            Company = patch.Get(SandboxLeadFields.Company, lead.Company),
        };
        var error = SandboxLeadValidator.Validate(lead);
        if (error is not null)
        {
            return (null, error);
        }

        var (extra, extraError) = SandboxExtraFields.Apply(extras, existing, lead.Extra);
        return extraError is null ? (lead with { Extra = extra }, null) : (null, extraError);
    }

    private void AfterWrite(string operation, List<SandboxLead> leads, bool runWorkflows)
    {
        if (leads.Count == 0)
        {
            return;
        }

        var ids = leads.Select(l => l.Id).ToList();
        notifier.Publish(operation, ids);
        if (runWorkflows)
        {
            workflow.Schedule(ids);
        }
    }

    /// <summary>What an update call checks every record against: whether the id came in the path, the If-Unmodified-Since time, and now.</summary>
    private readonly record struct UpdateRules(bool IdInPath, DateTimeOffset? UnmodifiedSince, DateTimeOffset Now);
}
