using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Sync.Merge;

/// <summary>
/// Field-by-field three-way merge against the agreed values (what both sides last held): a field changed on one side takes that
/// side's value; changed on both sides to different values is a conflict settled by the policy.
/// Without a base (a lead linked by email) every differing field counts as changed on both sides. Mapped extra fields
/// (<see cref="LeadFields.Extra"/>) merge the same way, compared as typed values; their conflicts carry the values'
/// stored text (<see cref="Fields.Values.FieldValue.ToStoredText"/>).
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
        foreach (var field in LeadFields.Names.Concat(ExtraNames(local, agreed, zoho)))
        {
            if (Same(field, local, zoho))
            {
                continue;
            }

            var (l, z, b) = (local.Get(field), zoho.Get(field), agreed?.Get(field));
            var localChanged = agreed is null || !Same(field, local, agreed);
            var zohoChanged = agreed is null || !Same(field, zoho, agreed);
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

    /// <summary>Equal values (core fields as text, extra fields as typed values) on both sides.</summary>
    private static bool Same(string field, LeadFields a, LeadFields b) =>
        LeadFields.IsCore(field) ? a.FieldEquals(field, b) : a.Extra.FieldEquals(field, b.Extra);

    /// <summary>The extra fields any of the three sides holds a value of.</summary>
    private static IEnumerable<string> ExtraNames(LeadFields local, LeadFields? agreed, LeadFields zoho)
    {
        if (local.Extra.Equals(zoho.Extra))
        {
            return []; // equal on both sides: no extra field can take a value or conflict
        }

        return local.Extra.Names.Concat(zoho.Extra.Names).Concat(agreed?.Extra.Names ?? []).Distinct(StringComparer.Ordinal);
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
