using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// Parameters for hand-written SQL, converted and typed the way EF Core stores the property on the current provider
/// (UTC ticks for instants and upper-case text for ids on SQLite, timestamptz and uuid on PostgreSQL, enums as
/// text, the snapshot as JSON), so set-based statements read and write exactly what the model does.
/// </summary>
public static class ModelParameters
{
    public static DbParameter Parameter<TEntity>(this LeadSyncDbContext db, string property, string name, object? value) =>
        Parameter<TEntity>(db, property, name, value, factory: null);

    /// <summary>As above, creating the parameter with <paramref name="factory"/> (any command of this connection).</summary>
    public static DbParameter Parameter<TEntity>(this LeadSyncDbContext db, string property, string name, object? value, DbCommand? factory)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mapping = db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetRelationalTypeMapping()
            ?? throw new ArgumentException($"{typeof(TEntity).Name} has no mapped property {property}.", nameof(property));
        if (factory is not null)
        {
            return mapping.CreateParameter(factory, name, value, nullable: true);
        }

        using var scratch = db.Database.GetDbConnection().CreateCommand();
        return mapping.CreateParameter(scratch, name, value, nullable: true);
    }
}
