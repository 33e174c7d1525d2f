using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Sync.Merge;

/// <summary>
/// Field-by-field three-way merge against the agreed values (what both sides last held): a field changed on one side takes that
/// side's value; changed on both sides to different values is a conflict settled by the policy.
/// Without a base (a lead linked by email) every differing field counts as changed on both sides.
/// </summary>
public static class ConflictResolver
{
    public static MergeResult Merge(LeadFields local, LeadFields? agreed, LeadFields zoho, ConflictPolicy policy, bool localIsNewer)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(zoho);
        var merged = local;
        var nowAgreed = zoho;
        var conflicts = new List<FieldConflict>();
        foreach (var field in LeadFields.Names)
        {
            var l = local.Get(field);
            var z = zoho.Get(field);
            if (LeadFields.ValuesEqual(field, l, z))
            {
                continue;
            }

            var b = agreed?.Get(field);
            var localChanged = agreed is null || !LeadFields.ValuesEqual(field, l, b);
            var zohoChanged = agreed is null || !LeadFields.ValuesEqual(field, z, b);
            if (!localChanged)
            {
                merged = merged.With(field, z);
                continue;
            }

            if (!zohoChanged)
            {
                continue; // Local change: kept, and pushed because it differs from the agreed values (Zoho's value).
            }

            var resolution = Resolve(policy, localIsNewer);
            conflicts.Add(new FieldConflict(field, b, l, z, resolution));
            if (resolution == ConflictResolution.Zoho)
            {
                merged = merged.With(field, z);
            }
            else if (resolution == ConflictResolution.Pending)
            {
                // Held: the agreed values keep the old one so the field stays a conflict until an admin picks.
                nowAgreed = nowAgreed.With(field, b);
            }
        }

        return new MergeResult(merged, nowAgreed, conflicts);
    }

    /// <summary>How a policy settles a field changed on both sides.</summary>
    public static ConflictResolution Resolve(ConflictPolicy policy, bool localIsNewer) => policy switch
    {
        ConflictPolicy.LocalWins => ConflictResolution.Local,
        ConflictPolicy.NewestWins => localIsNewer ? ConflictResolution.Local : ConflictResolution.Zoho,
        ConflictPolicy.Manual => ConflictResolution.Pending,
        _ => ConflictResolution.Zoho,
    };
}
