using System.Data.Common;
using System.Text;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Data;

/// <summary>
/// Writes a unit of work's changed leads on SQLite with one prepared UPDATE per set of changed columns, reused for
/// every lead that changed those columns. EF Core's SQLite provider sends one new statement per lead — SQL built,
/// prepared (with the triggers and 15 indexes it touches) and stepped each time — which was most of a pulled page's
/// save. The statement is the one EF Core would send: the changed columns only (so the search index's trigger fires
/// only when the search text changed), the values converted by the model's own mappings, and the concurrency token
/// checked (<c>WHERE "Version" = original</c>); a lead that moved meanwhile fails the save like EF Core's does.
/// </summary>
internal static class SqliteLeadUpdates
{
    /// <summary>
    /// Writes every changed, already stamped lead (its changed columns and, when it changed, its last error) in the
    /// context's current transaction, and marks it saved in the change tracker. A lead whose version moved throws
    /// <see cref="DbUpdateConcurrencyException"/>; the unit of work is then to be discarded. Returns the rows written.
    /// </summary>
    public static async Task<int> WriteAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        var errors = ChangedErrors(db);
        var leads = db.ChangeTracker.Entries<Lead>()
            .Where(e => e.State == EntityState.Modified || (e.State == EntityState.Unchanged && errors.ContainsKey(e.Entity.Id)))
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

                if (await ExecuteAsync(command, lead, columns, cancellationToken) != 1)
                {
                    throw new DbUpdateConcurrencyException(
                        $"Lead {lead.Entity.Id} changed since it was read (version {lead.Property(l => l.Version).OriginalValue}).");
                }
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

    /// <summary>The columns a lead's statement sets: its changed properties, then its error's three when that changed.</summary>
    private static LeadColumns Columns(EntityEntry<Lead> lead, EntityEntry<SyncError>? error)
    {
        var set = lead.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).ToList();
        var errorColumns = error?.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !p.Metadata.IsForeignKey()).ToList() ?? [];
        var key = new StringBuilder();
        foreach (var property in set)
        {
            key.Append(property.Metadata.Name).Append(',');
        }

        key.Append(errorColumns.Count > 0 ? "LastError" : string.Empty);
        return new LeadColumns(key.ToString(), set, errorColumns, error?.State == EntityState.Deleted);
    }

    private static DbCommand Prepare(LeadSyncDbContext db, LeadColumns columns)
    {
        var sql = new StringBuilder("""UPDATE "Leads" SET """);
        var index = 0;
        foreach (var property in columns.Set.Select(p => p.Metadata).Concat(columns.Error.Select(p => p.Metadata)))
        {
            sql.Append(index == 0 ? "" : ", ").Append('"').Append(property.GetColumnName()).Append("\" = @p").Append(index++);
        }

        sql.Append(""" WHERE "Id" = @id AND "Version" = @version""");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Binds one lead's values (converted as the model stores them) and runs the prepared statement.</summary>
    private static Task<int> ExecuteAsync(DbCommand command, EntityEntry<Lead> lead, LeadColumns columns, CancellationToken cancellationToken)
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
        Bind(command, lead.Property(l => l.Id).Metadata, "@id", lead.Entity.Id);
        Bind(command, version.Metadata, "@version", version.OriginalValue);
        return command.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>A lead's statement: its changed properties, its error's properties (none when the error did not change).</summary>
    private sealed record LeadColumns(string Key, List<PropertyEntry> Set, List<PropertyEntry> Error, bool ErrorCleared);
}
