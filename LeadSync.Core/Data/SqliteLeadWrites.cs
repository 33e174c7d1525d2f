using System.Data.Common;
using System.Globalization;
using System.Text;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Data;

/// <summary>
/// Writes a unit of work's new and changed leads on SQLite with one prepared statement per set of columns, reused for
/// every lead that writes those columns: an INSERT for new leads, an UPDATE per set of changed columns. EF Core's
/// SQLite provider sends one new statement per lead — SQL built, prepared (with the triggers and 15 indexes it touches)
/// and stepped each time — and the preparing was most of a pulled page's save. The statements are the ones EF Core
/// would send: a changed lead's changed columns only (so the search index's trigger fires only when the search text
/// changed), the values converted by the model's own mappings, the concurrency token checked
/// (<c>WHERE "Version" = original</c>); a lead that moved meanwhile fails the save as it does in EF Core.
/// </summary>
internal static class SqliteLeadWrites
{
    /// <summary>
    /// Writes every new and changed, already stamped lead (and its last error when that changed) in the context's
    /// current transaction, and marks it saved in the change tracker. A lead whose version moved throws
    /// <see cref="DbUpdateConcurrencyException"/>; the unit of work is then to be discarded. Returns the rows written.
    /// </summary>
    public static async Task<int> WriteAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        var errors = ChangedErrors(db);
        var leads = db.ChangeTracker.Entries<Lead>()
            .Where(e => e.State is EntityState.Modified or EntityState.Added || (e.State == EntityState.Unchanged && errors.ContainsKey(e.Entity.Id)))
            .OrderBy(e => e.State == EntityState.Added) // updates first: an email a lead gave up may be a new lead's
            .ToList();
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var lead in leads)
            {
                errors.TryGetValue(lead.Entity.Id, out var error);
                var columns = Columns(lead, error);
                if (!commands.TryGetValue(columns.Key, out var command))
                {
                    command = Prepare(db, columns);
                    commands[columns.Key] = command;
                }

                await ExecuteAsync(command, lead, columns, cancellationToken);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        MarkSaved(db, leads);
        return leads.Count;
    }

    /// <summary>The leads whose last error was set, replaced or cleared: the entry that holds its values (or a deleted one).</summary>
    private static Dictionary<Guid, EntityEntry<SyncError>> ChangedErrors(LeadSyncDbContext db)
    {
        var changed = new Dictionary<Guid, EntityEntry<SyncError>>();
        foreach (var entry in db.ChangeTracker.Entries<SyncError>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached || !OwnedByLead(entry))
            {
                continue;
            }

            var leadId = LeadIdOf(entry);
            if (!changed.TryGetValue(leadId, out var seen) || seen.State == EntityState.Deleted)
            {
                changed[leadId] = entry; // a replaced error is a deleted entry and an added one: the added one's values win
            }
        }

        return changed;
    }

    /// <summary>
    /// The columns a lead's statement sets: a new lead's every property, a changed lead's changed properties; then its
    /// error's three when that changed (a new lead's when it has one).
    /// </summary>
    private static LeadColumns Columns(EntityEntry<Lead> lead, EntityEntry<SyncError>? error)
    {
        var insert = lead.State == EntityState.Added;
        var set = lead.Properties.Where(p => insert || (p.IsModified && !p.Metadata.IsPrimaryKey())).ToList();
        var errorColumns = error?.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !p.Metadata.IsForeignKey()).ToList() ?? [];
        var key = new StringBuilder(insert ? "+" : "");
        foreach (var property in set)
        {
            key.Append(property.Metadata.Name).Append(',');
        }

        key.Append(errorColumns.Count > 0 ? "LastError" : string.Empty);
        return new LeadColumns(key.ToString(), insert, set, errorColumns, error?.State == EntityState.Deleted);
    }

    private static DbCommand Prepare(LeadSyncDbContext db, LeadColumns columns)
    {
        var names = columns.Set.Select(p => p.Metadata).Concat(columns.Error.Select(p => p.Metadata)).Select(p => '"' + p.GetColumnName() + '"').ToList();
        var values = Enumerable.Range(0, names.Count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var sql = columns.Insert
            ? $"""INSERT INTO "Leads" ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})"""
            : $"""UPDATE "Leads" SET {string.Join(", ", names.Zip(values, (n, v) => n + " = " + v))} WHERE "Id" = @id AND "Version" = @version""";
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Binds one lead's values (converted as the model stores them) and runs the prepared statement: a changed lead
    /// whose version moved meanwhile fails as <see cref="DbUpdateConcurrencyException"/>, a refused row (a unique index) as
    /// <see cref="DbUpdateException"/>, as from EF Core's own save.
    /// </summary>
    private static async Task ExecuteAsync(DbCommand command, EntityEntry<Lead> lead, LeadColumns columns, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        var index = 0;
        foreach (var property in columns.Set)
        {
            Bind(command, property.Metadata, "@p" + index++, property.CurrentValue);
        }

        foreach (var property in columns.Error)
        {
            Bind(command, property.Metadata, "@p" + index++, columns.ErrorCleared ? null : property.CurrentValue);
        }

        var version = lead.Property(l => l.Version);
        if (!columns.Insert)
        {
            Bind(command, lead.Property(l => l.Id).Metadata, "@id", lead.Entity.Id);
            Bind(command, version.Metadata, "@version", version.OriginalValue);
        }

        int rows;
        try
        {
            rows = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException($"Lead {lead.Entity.Id} could not be saved: {ex.Message}", ex);
        }

        if (rows != 1)
        {
            throw new DbUpdateConcurrencyException($"Lead {lead.Entity.Id} changed since it was read (version {version.OriginalValue}).");
        }
    }

    private static void Bind(DbCommand command, Microsoft.EntityFrameworkCore.Metadata.IProperty property, string name, object? value) =>
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, value, nullable: true));

    /// <summary>The written leads (and their errors) are what the database holds now: nothing left for EF Core to save.</summary>
    private static void MarkSaved(LeadSyncDbContext db, List<EntityEntry<Lead>> leads)
    {
        foreach (var lead in leads)
        {
            lead.OriginalValues.SetValues(lead.CurrentValues);
            lead.State = EntityState.Unchanged;
        }

        var written = leads.Select(l => l.Entity.Id).ToHashSet();
        var errors = db.ChangeTracker.Entries<SyncError>()
            .Where(e => e.State is not (EntityState.Unchanged or EntityState.Detached) && OwnedByLead(e) && written.Contains(LeadIdOf(e)))
            .OrderBy(e => e.State != EntityState.Deleted) // a replaced error's old entry goes first: the new one takes its key
            .ToList();
        foreach (var error in errors)
        {
            if (error.State == EntityState.Deleted)
            {
                error.State = EntityState.Detached;
                continue;
            }

            error.OriginalValues.SetValues(error.CurrentValues);
            error.State = EntityState.Unchanged;
        }
    }

    private static bool OwnedByLead(EntityEntry<SyncError> entry) => entry.Metadata.FindOwnership()?.PrincipalEntityType.ClrType == typeof(Lead);

    private static Guid LeadIdOf(EntityEntry<SyncError> entry) => (Guid)entry.Property(entry.Metadata.FindOwnership()!.Properties[0].Name).CurrentValue!;

    /// <summary>A lead's statement: an insert or an update, the lead's properties it writes, its error's (none when unchanged).</summary>
    private sealed record LeadColumns(string Key, bool Insert, List<PropertyEntry> Set, List<PropertyEntry> Error, bool ErrorCleared);
}
