using System.Globalization;
using LeadSync.Core.Fields;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// Reads the filter texts given for one mapped field by the field's kind (<see cref="FieldFilterKinds"/>): numbers with a
/// dot, days as <c>yyyy-MM-dd</c>, Zoho's picklist values only, yes/no/empty. Each failure names the field (label and
/// API name) and the rule, so "Annual Revenue (Annual_Revenue): “abc” is not a number" says what to fix.
/// </summary>
internal static class FieldFilterReader
{
    public static FieldFilterParse Read(ZohoFieldDefinition field, IReadOnlyList<string> values)
    {
        var texts = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (texts.Count == 0)
        {
            return FieldFilterParse.Empty; // an empty box filters nothing
        }

        var kind = FieldFilterKinds.For(field.Type);
        return kind switch
        {
            FieldFilterKind.OneOf or FieldFilterKind.ContainsAll => Values(field, texts),
            _ when texts.Count > 1 => Fail(field, ValidationRules.Type, $"give one filter (got {texts.Count})"),
            FieldFilterKind.TextContains => Text(field, texts[0]),
            FieldFilterKind.NumberRange => NumberRange(field, texts[0]),
            FieldFilterKind.DateRange => DateRange(field, texts[0]),
            FieldFilterKind.Boolean => Boolean(field, texts[0]),
            _ => Fail(field, FieldFilterText.UnknownField, "cannot be filtered"),
        };
    }

    private static FieldFilterParse Text(ZohoFieldDefinition field, string text) =>
        text.Length > FieldFilterText.MaxTextLength || text.Any(char.IsControl)
            ? Fail(field, ValidationRules.Characters, $"the text looked for must be at most {FieldFilterText.MaxTextLength} characters, without control characters")
            : Of(new FieldFilter { ApiName = field.ApiName, Type = field.Type, Text = text });

    private static FieldFilterParse NumberRange(ZohoFieldDefinition field, string text)
    {
        var (low, high) = Range(text);
        decimal? min = null, max = null;
        foreach (var (part, isMin) in new[] { (low, true), (high, false) }.Where(p => p.Item1.Length > 0))
        {
            if (!decimal.TryParse(part, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return Fail(field, ValidationRules.Type, $"“{Shorten(part)}” is not a number; give a range as min..max with a dot before any decimals");
            }

            if (isMin) { min = number; } else { max = number; }
        }

        return min > max
            ? Fail(field, ValidationRules.Range, $"the lowest value ({min}) is above the highest ({max})")
            : Of(new FieldFilter { ApiName = field.ApiName, Type = field.Type, Min = min, Max = max });
    }

    private static FieldFilterParse DateRange(ZohoFieldDefinition field, string text)
    {
        var (low, high) = Range(text);
        DateOnly? from = null, to = null;
        foreach (var (part, isFrom) in new[] { (low, true), (high, false) }.Where(p => p.Item1.Length > 0))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Fail(field, ValidationRules.Type, $"“{Shorten(part)}” is not a date; give a range as yyyy-MM-dd..yyyy-MM-dd");
            }

            if (isFrom) { from = day; } else { to = day; }
        }

        return from > to
            ? Fail(field, ValidationRules.Range, $"the first day ({from:yyyy-MM-dd}) is after the last ({to:yyyy-MM-dd})")
            : Of(new FieldFilter { ApiName = field.ApiName, Type = field.Type, From = from, To = to });
    }

    private static FieldFilterParse Values(ZohoFieldDefinition field, List<string> texts)
    {
        var unknown = texts.FirstOrDefault(t => !field.PicklistValues.Contains(t, StringComparer.Ordinal));
        return unknown is not null
            ? Fail(field, ValidationRules.Picklist, $"“{Shorten(unknown)}” is not one of Zoho's values ({string.Join(", ", field.PicklistValues)})")
            : Of(new FieldFilter { ApiName = field.ApiName, Type = field.Type, Values = [.. texts.Distinct(StringComparer.Ordinal)] });
    }

    private static FieldFilterParse Boolean(ZohoFieldDefinition field, string text) =>
        Enum.TryParse<BooleanChoice>(text, ignoreCase: true, out var choice) && Enum.IsDefined(choice) && !char.IsDigit(text[0])
            ? Of(new FieldFilter { ApiName = field.ApiName, Type = field.Type, Choice = choice })
            : Fail(field, ValidationRules.Type, $"“{Shorten(text)}” is not yes, no or empty");

    private static (string Low, string High) Range(string text)
    {
        var at = text.IndexOf(FieldFilterText.RangeSeparator, StringComparison.Ordinal);
        return at < 0 ? (text, text) : (text[..at].Trim(), text[(at + FieldFilterText.RangeSeparator.Length)..].Trim());
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static FieldFilterParse Of(FieldFilter filter) => new([filter], []);

    private static FieldFilterParse Fail(ZohoFieldDefinition field, string rule, string message) =>
        new([], [new ValidationFailure(field.ApiName, rule, $"{field.Label} ({field.ApiName}): {message}.")]);
}
