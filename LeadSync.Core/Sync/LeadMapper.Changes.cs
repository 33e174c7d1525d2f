using System.Text;
using LeadSync.Core.Conflicts;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Merge;

namespace LeadSync.Core.Sync;

/// <summary>
/// The one formatter of what a sync event changed, stored in <c>LeadHistory.Changes</c>: one line per field, each
/// starting with the field's label (<see cref="LeadFieldRules.Label"/>) and a colon. A plain change reads <c>Phone: 555-1 → 555-2</c>; a conflict names the
/// three values and how it ended; a resolution names the side that won. <c>∅</c> stands for no value. A mapped extra
/// field is named by its Zoho API name and its values read as people see them (<see cref="FieldValue.Display"/>).
/// </summary>
public static partial class LeadMapper
{
    private const string Separator = " · ";

    /// <summary><c>Field: old → new</c> lines for the fields that differ (null when none).</summary>
    public static string? Describe(LeadFields? before, LeadFields after)
    {
        // One builder per thread, kept between calls: a push describes a hundred new leads of tens of lines each in a row.
        var text = changeText ??= new StringBuilder(1024);
        text.Clear();
        AppendChangeLines(text, before, after, skip: null);
        var described = text.Length == 0 ? null : text.ToString();
        if (text.Capacity > 16 * 1024)
        {
            changeText = null; // a rare huge description is not kept alive
        }

        return described;
    }

    [ThreadStatic]
    private static StringBuilder? changeText;

    /// <summary>
    /// What a merge that met conflicts did (a Conflict row): a line per conflicting field (<see cref="DescribeConflict"/>),
    /// then <c>old → new</c> for the other fields the merge changed on the lead. Null when there is nothing to say.
    /// </summary>
    public static string? DescribeMerge(LeadFields before, LeadFields after, IReadOnlyList<FieldConflict> conflicts, ConflictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(conflicts);
        var conflicted = conflicts.Select(c => c.Field).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder(string.Join('\n', conflicts.Select(c => DescribeConflict(c, policy))));
        AppendChangeLines(text, before, after, conflicted);
        return text.Length == 0 ? null : text.ToString();
    }

    /// <summary>
    /// One field changed on both sides: <c>Phone: changed on both sides · agreed 555-0 · LeadSync 555-1 · Zoho 555-2 ·
    /// held for an admin (Manual policy)</c> — the value both sides agreed on, each side's new value, and the outcome.
    /// </summary>
    public static string DescribeConflict(FieldConflict conflict, ConflictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var outcome = conflict.Resolution switch
        {
            ConflictResolution.Pending => "held for an admin",
            ConflictResolution.Local => "LeadSync's value won",
            _ => "Zoho's value won",
        };
        return string.Join(
            Separator,
            $"{Label(conflict.Field)}: changed on both sides",
            $"agreed {Show(conflict.Field, conflict.AgreedValue)}",
            $"LeadSync {Show(conflict.Field, conflict.LocalValue)}",
            $"Zoho {Show(conflict.Field, conflict.ZohoValue)}",
            $"{outcome} ({PolicyName(policy)} policy)");
    }

    /// <summary>
    /// An admin settled a conflict on <paramref name="field"/>: the side that won, and the other side's value going to
    /// it, e.g. <c>Phone: LeadSync's value won · Zoho 555-2 → 555-1</c>.
    /// </summary>
    public static string DescribeResolution(string field, ConflictSide winner, string? localValue, string? zohoValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        var label = Label(field);
        var (local, zoho) = (Show(field, localValue), Show(field, zohoValue));
        return winner == ConflictSide.Local
            ? $"{label}: LeadSync's value won{Separator}Zoho {zoho} → {local}"
            : $"{label}: Zoho's value won{Separator}LeadSync {local} → {zoho}";
    }

    /// <summary>The lines of a stored description, one per field (none for null or empty).</summary>
    public static IReadOnlyList<string> ChangeLines(string? changes) =>
        string.IsNullOrEmpty(changes) ? [] : changes.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Appends a <c>Field: old → new</c> line (after a line break when <paramref name="text"/> is not empty) per field
    /// that differs: the core fields in their order, then the extra fields in ordinal order of their API names — walked
    /// side by side, as both sides keep them sorted, so a push of a new lead with tens of values builds one string.
    /// </summary>
    private static void AppendChangeLines(StringBuilder text, LeadFields? before, LeadFields after, HashSet<string>? skip)
    {
        ArgumentNullException.ThrowIfNull(after);
        foreach (var field in LeadFields.Names)
        {
            if (skip?.Contains(field) != true && (before is null ? after.Get(field) is not null : !before.FieldEquals(field, after)))
            {
                AppendLine(text, LeadFieldRules.Label(field), Show(before?.Get(field)), Show(after.Get(field)));
            }
        }

        var old = (before?.Extra ?? LeadFieldValues.Empty).Span;
        var now = after.Extra.Span;
        var (i, j) = (0, 0);
        while (i < old.Length || j < now.Length)
        {
            var order = i == old.Length ? 1 : j == now.Length ? -1 : string.CompareOrdinal(old[i].Key, now[j].Key);
            var name = order <= 0 ? old[i].Key : now[j].Key;
            var (was, @is) = (order <= 0 ? old[i++].Value : null, order >= 0 ? now[j++].Value : null);
            if (skip?.Contains(name) != true && !Equals(was, @is))
            {
                AppendLine(text, name, Show(was), Show(@is));
            }
        }
    }

    private static void AppendLine(StringBuilder text, string label, string was, string now)
    {
        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(label).Append(": ").Append(was).Append(" → ").Append(now);
    }

    /// <summary>How a history line names a field: a core field's label, an extra field's API name.</summary>
    public static string Label(string field) => LeadFields.IsCore(field) ? LeadFieldRules.Label(field) : field;

    /// <summary>A value as kept in a conflict row, for a person: an extra field's stored JSON as its display text.</summary>
    public static string Show(string field, string? value) => LeadFields.IsCore(field) ? Show(value) : FieldValue.DisplayStored(value);

    private static string PolicyName(ConflictPolicy policy) => policy switch
    {
        ConflictPolicy.ZohoWins => "Zoho wins",
        ConflictPolicy.LocalWins => "LeadSync wins",
        ConflictPolicy.NewestWins => "newest wins",
        _ => "Manual",
    };

    private static string Show(string? value) => value is null ? "∅" : value;

    private static string Show(FieldValue? value) => value is null ? "∅" : value.Display;
}
