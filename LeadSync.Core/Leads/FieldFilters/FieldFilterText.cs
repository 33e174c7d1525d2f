using System.Globalization;
using LeadSync.Core.Fields;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// Extra-field filters as text, the form the Leads page's address and its filter menu use: <c>ApiName:value</c>, one
/// per value — <c>Industry:Retail</c> (repeat for more values of a picklist or multi-select), <c>Annual_Revenue:1000..5000</c>
/// (either bound may be left out), <c>Follow_Up__c:2026-12-01..2026-12-31</c>, <c>Email_Opt_Out:yes|no|empty</c>,
/// <c>Designation:cto</c> (contains). Reading checks each against the mapped fields' metadata and names the field and
/// the rule of any that does not fit; the others still apply.
/// </summary>
public static class FieldFilterText
{
    public const string RangeSeparator = "..";

    /// <summary>The rule of a filter naming a field that is not mapped (or cannot be filtered).</summary>
    public const string UnknownField = "unknownField";

    /// <summary>Longer filter texts are refused (no mapped value is longer worth looking for).</summary>
    public const int MaxTextLength = 500;

    /// <summary>Reads <paramref name="texts"/> against the mapped fields; repeated values of one field combine.</summary>
    public static FieldFilterParse Parse(IEnumerable<string?>? texts, IReadOnlyList<MappedField> mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var failures = new List<ValidationFailure>();
        var byField = new Dictionary<string, (MappedField Field, List<string> Values)>(StringComparer.Ordinal);
        foreach (var text in texts ?? [])
        {
            if (Split(text) is not var (name, value))
            {
                failures.Add(NoValue(text));
                continue;
            }

            var field = mapped.FirstOrDefault(f => string.Equals(f.ApiName, name, StringComparison.Ordinal));
            if (field is null || FieldFilterKinds.For(field.Definition.Type) == FieldFilterKind.None)
            {
                failures.Add(Unknown(name));
                continue;
            }

            if (!byField.TryGetValue(field.ApiName, out var entry))
            {
                byField[field.ApiName] = entry = (field, []);
            }

            entry.Values.Add(value);
        }

        var filters = new List<FieldFilter>();
        foreach (var (field, values) in byField.Values)
        {
            var read = FieldFilterReader.Read(field.Definition, values);
            failures.AddRange(read.Failures);
            filters.AddRange(read.Filters);
        }

        return new FieldFilterParse(filters, failures);
    }

    /// <summary>The text form of <paramref name="filter"/> (what <see cref="Parse"/> reads back), one string per value.</summary>
    public static IEnumerable<string> Format(FieldFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var prefix = filter.ApiName + ":";
        return filter.Kind switch
        {
            FieldFilterKind.TextContains => [prefix + filter.Text],
            FieldFilterKind.NumberRange => [prefix + Number(filter.Min) + RangeSeparator + Number(filter.Max)],
            FieldFilterKind.DateRange => [prefix + Date(filter.From) + RangeSeparator + Date(filter.To)],
            FieldFilterKind.OneOf or FieldFilterKind.ContainsAll => filter.Values.Select(v => prefix + v),
            FieldFilterKind.Boolean => [prefix + filter.Choice?.ToString().ToLowerInvariant()],
            _ => [],
        };
    }

    /// <summary>The field's name and the value after the first colon; null for a text without one (no value to filter by).</summary>
    private static (string Name, string Value)? Split(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon < 0 ? null : (text![..colon].Trim(), text[(colon + 1)..]);
    }

    private static ValidationFailure Unknown(string name)
    {
        var shown = Shorten(name);
        return new ValidationFailure(shown, UnknownField, $"Filter on “{shown}”: no mapped field that can be filtered has this API name.");
    }

    private static ValidationFailure NoValue(string? text)
    {
        var shown = Shorten((text ?? string.Empty).Trim());
        return new ValidationFailure(shown, ValidationRules.Format, $"Filter “{shown}”: give the field's API name, a colon and the value (e.g. Industry:Retail, Annual_Revenue:1000..5000).");
    }

    private static string Shorten(string name) => name.Length > 100 ? name[..100] + "…" : name;

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
