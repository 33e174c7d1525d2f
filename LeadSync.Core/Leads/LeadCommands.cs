using LeadSync.Core.Data;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// Creates, edits and deletes leads for every entry point (console, REST API). Each change is validated, and
/// written together with its outbox entry in one transaction, then the push worker is nudged and open views are told
/// (a <see cref="LeadStateChanged"/> per change, so a lead created through the API shows on an open Leads page).
/// </summary>
public sealed class LeadCommands(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IPushScheduler pushScheduler,
    ISyncEventSink events,
    SyncInstance instance,
    TimeProvider clock,
    IMappedFields? mappedFields = null)
{
    public async Task<Lead> CreateAsync(LeadFields input, ChangeSource trigger = ChangeSource.Console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = input.Normalize();
        LeadValidator.EnsureValid(fields);
        await EnsureExtraValidAsync(fields.Extra, LeadFieldValues.Empty, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureEmailFreeAsync(db, fields.Email, null, cancellationToken);

        var now = clock.GetUtcNow();
        var lead = LeadSyncTransitions.NewLocal(fields, now);
        db.Leads.Add(lead);
        await LeadSyncTransitions.QueueAsync(db, lead, QueuedChange.Edit(trigger), now, cancellationToken);
        await SaveAsync(db, lead, fields.Email, cancellationToken);
        AfterCommit(lead.Id, lead.SyncState);
        return lead;
    }

    /// <summary>Creates a lead from an API caller's values: the extra fields named are read per the current mapping.</summary>
    public async Task<Lead> CreateAsync(LeadPatch patch, ChangeSource trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var mapped = await MappedAsync(patch, cancellationToken);
        return await CreateAsync(patch.Core with { Extra = ExtraFieldsPatch.Apply(patch.Fields, LeadFieldValues.Empty, mapped) }, trigger, cancellationToken);
    }

    /// <summary>Edits a lead. <paramref name="expectedVersion"/> (from when it was read) guards against lost updates.</summary>
    public async Task<Lead> UpdateAsync(Guid id, LeadFields input, long? expectedVersion, ChangeSource trigger = ChangeSource.Console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        LeadValidator.EnsureValid(input.Normalize());
        return await UpdateAsync(id, (_, _) => ValueTask.FromResult(input), expectedVersion, trigger, cancellationToken);
    }

    /// <summary>
    /// Applies an API caller's <paramref name="patch"/>: the core fields as sent, and the extra fields it names over the
    /// values the lead holds when this write reads it — so a pull or an edit landing meanwhile keeps what it set
    /// (without <paramref name="expectedVersion"/> the write reads again; with one, another version is refused).
    /// </summary>
    public Task<Lead> PatchAsync(Guid id, LeadPatch patch, long? expectedVersion, ChangeSource trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return UpdateAsync(
            id,
            async (lead, token) => patch.Core with { Extra = ExtraFieldsPatch.Apply(patch.Fields, lead.ExtraFields, await MappedAsync(patch, token)) },
            expectedVersion,
            trigger,
            cancellationToken);
    }

    private async ValueTask<IReadOnlyList<MappedField>> MappedAsync(LeadPatch patch, CancellationToken cancellationToken) =>
        patch.Fields is { Count: > 0 } && mappedFields is not null ? await mappedFields.GetAsync(cancellationToken) : [];

    private async Task<Lead> UpdateAsync(
        Guid id, Func<Lead, CancellationToken, ValueTask<LeadFields>> valuesFor, long? expectedVersion, ChangeSource trigger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpdateOnceAsync(id, valuesFor, expectedVersion, trigger, cancellationToken);
            }
            catch (LeadConcurrencyException) when (expectedVersion is null && attempt < MaxAttempts)
            {
                // No version was promised: a sync write that landed meanwhile is not a conflict for this edit; re-read.
            }
        }
    }

    /// <summary>One read, change and save of the lead: its values (<paramref name="valuesFor"/>) are made from the lead as read here.</summary>
    private async Task<Lead> UpdateOnceAsync(
        Guid id, Func<Lead, CancellationToken, ValueTask<LeadFields>> valuesFor, long? expectedVersion, ChangeSource trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new LeadNotFoundException(id);
        if (expectedVersion is { } version && lead.Version != version)
        {
            throw new LeadConcurrencyException(id);
        }

        var fields = (await valuesFor(lead, cancellationToken)).Normalize();
        LeadValidator.EnsureValid(fields);

        await EnsureExtraValidAsync(fields.Extra, lead.ExtraFields, cancellationToken);
        if (lead.Fields.SameValuesAs(fields) && string.Equals(lead.Email, fields.Email, StringComparison.Ordinal))
        {
            return lead;
        }

        await EnsureEmailFreeAsync(db, fields.Email, id, cancellationToken);
        var now = clock.GetUtcNow();
        lead.Apply(fields);
        lead.UpdatedAt = now;
        await LeadSyncTransitions.QueueAsync(db, lead, QueuedChange.Edit(trigger), now, cancellationToken);
        await SaveAsync(db, lead, fields.Email, cancellationToken);
        AfterCommit(lead.Id, lead.SyncState);
        return lead;
    }

    /// <summary>Deletes a lead; its Zoho record is deleted by the push worker when delete propagation allows it.</summary>
    public async Task DeleteAsync(Guid id, ChangeSource trigger = ChangeSource.Console, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeleteOnceAsync(id, trigger, cancellationToken);
                return;
            }
            catch (LeadConcurrencyException) when (attempt < MaxAttempts)
            {
                // The sync engine wrote the lead (or its outbox entry) between our read and our save: re-read and delete.
            }
        }
    }

    private async Task DeleteOnceAsync(Guid id, ChangeSource trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new LeadNotFoundException(id);
        var now = clock.GetUtcNow();
        db.Leads.Remove(lead);
        await LeadSyncTransitions.QueueAsync(db, lead, QueuedChange.Delete(trigger), now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new LeadConcurrencyException(id);
        }
        catch (DbUpdateException ex)
        {
            throw new LeadWriteException(ex);
        }

        AfterCommit(id, null);
    }

    /// <summary>Tries for a change that races only with the sync engine's own writes (no version given).</summary>
    private const int MaxAttempts = 5;

    private void AfterCommit(Guid id, SyncState? state)
    {
        pushScheduler.SchedulePush();
        events.Publish(new LeadStateChanged(clock.GetUtcNow(), instance.Id, id, state, null));
    }

    /// <summary>Extra values that change must be mapped, writable and valid (<see cref="ExtraFieldsValidator"/>).</summary>
    private async Task EnsureExtraValidAsync(LeadFieldValues input, LeadFieldValues current, CancellationToken cancellationToken)
    {
        if (input.Equals(current))
        {
            return;
        }

        var mapped = mappedFields is null ? [] : await mappedFields.GetAsync(cancellationToken);
        var failures = ExtraFieldsValidator.Validate(input, current, mapped);
        if (failures.Count > 0)
        {
            throw new LeadValidationException(failures);
        }
    }

    private static async Task EnsureEmailFreeAsync(LeadSyncDbContext db, string email, Guid? self, CancellationToken cancellationToken)
    {
        var normalized = Lead.NormalizeEmail(email);
        var holder = await db.Leads.Where(l => l.EmailNormalized == normalized && l.Id != self).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (holder is { } existing)
        {
            throw new DuplicateEmailException(email, existing);
        }
    }

    private async Task SaveAsync(LeadSyncDbContext db, Lead lead, string email, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new LeadConcurrencyException(lead.Id);
        }
        catch (DbUpdateException ex)
        {
            // Lost a race for the same email against another writer: the unique index said no.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            var normalized = Lead.NormalizeEmail(email);
            var holder = await check.Set<Lead>().Where(l => l.EmailNormalized == normalized && l.Id != lead.Id).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
            if (holder is { } existing)
            {
                throw new DuplicateEmailException(email, existing);
            }

            throw new LeadWriteException(ex);
        }
    }
}
