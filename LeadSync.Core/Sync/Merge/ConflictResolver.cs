using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Sync.Merge;

/// <summary>
/// Field-by-field three-way merge against the agreed snapshot (the base): a field changed on one side takes that
/// side's value; changed on both sides to different values is a conflict settled by the policy.
/// Without a base (a lead linked by email) every differing field counts as changed on both sides.
/// </summary>
public static class ConflictResolver
{
    public static MergeResult Merge(LeadFields local, LeadFields? basis, LeadFields zoho, ConflictPolicy policy, bool localIsNewer)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(zoho);
        var merged = local;
        var snapshot = zoho;
        var conflicts = new List<FieldConflict>();
        foreach (var field in LeadFields.Names)
        {
            var l = local.Get(field);
            var z = zoho.Get(field);
            if (LeadFields.ValuesEqual(field, l, z))
            {
                continue;
            }

            var b = basis?.Get(field);
            var localChanged = basis is null || !LeadFields.ValuesEqual(field, l, b);
            var zohoChanged = basis is null || !LeadFields.ValuesEqual(field, z, b);
            if (!localChanged)
            {
                merged = merged.With(field, z);
                continue;
            }

            if (!zohoChanged)
            {
                continue; // Local change: kept, and pushed because it differs from the snapshot (Zoho's value).
            }

            var resolution = policy switch
            {
                ConflictPolicy.LocalWins => ConflictResolution.Local,
                ConflictPolicy.NewestWins => localIsNewer ? ConflictResolution.Local : ConflictResolution.Zoho,
                ConflictPolicy.Manual => ConflictResolution.Pending,
                _ => ConflictResolution.Zoho,
            };
            conflicts.Add(new FieldConflict(field, b, l, z, resolution));
            if (resolution == ConflictResolution.Zoho)
            {
                merged = merged.With(field, z);
            }
            else if (resolution == ConflictResolution.Pending)
            {
                // Held: the snapshot keeps the base so the field stays a conflict until an admin picks.
                snapshot = snapshot.With(field, b);
            }
        }

        return new MergeResult(merged, snapshot, conflicts);
    }
}
