using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// The database refused to store a change to leads or to their sync bookkeeping (outbox entries, runs, conflicts),
/// typically because a concurrent writer got there first; nothing of that change was stored, and trying again may
/// succeed. Core raises it in place of Entity Framework's <see cref="DbUpdateException"/>, whose message it keeps.
/// </summary>
public sealed class LeadWriteException : Exception
{
    internal LeadWriteException(DbUpdateException refused)
        : base(refused.Message, refused)
    {
    }
}
