using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>Core's surface translates a write the database refused into <see cref="LeadWriteException"/>: callers never catch EF types.</summary>
internal static class StoreWrites
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (DbUpdateException ex)
        {
            throw new LeadWriteException(ex);
        }
    }
}
