using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Sync.Merge;

/// <summary>
/// A three-way merge's outcome: the values the lead should hold, the new agreed values (what Zoho holds, except
/// that held conflicts keep their base), and the conflicts met.
/// </summary>
public sealed record MergeResult(LeadFields Merged, LeadFields Agreed, IReadOnlyList<FieldConflict> Conflicts)
{
    /// <summary>True when a Manual conflict holds the lead for an admin.</summary>
    public bool Held => Conflicts.Any(c => c.Resolution == ConflictResolution.Pending);
}
