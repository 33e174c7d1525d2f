using LeadSync.Core.Leads;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// Zoho's rules for the value of a mapped extra field, from its metadata (reference §2.11): the kind, the length of text
/// (UTF-16 units, as Zoho counts), picklist membership, the digits and range of numbers. Each failure names the field by
/// its label and the rule, for the console, the REST API and CSV alike (<see cref="ValidationFailure.Field"/> is the API
/// name).
/// </summary>
public static class FieldValueRules
{
    /// <summary>Zoho's Integer field holds a 32-bit signed number.</summary>
    public const long WholeNumberMax = int.MaxValue;

    /// <summary>The first rule the value breaks, or null (no value is always fine: Zoho's mandatory check is its own).</summary>
    public static ValidationFailure? Check(ZohoFieldDefinition field, FieldValue? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null)
        {
            return null;
        }

        if (value.Kind != FieldValueCodec.KindOf(field.Type))
        {
            return Fail(field, ValidationRules.Type, $"must be {FieldValueCodec.Expected(field.Type)}");
        }

        return field.Type switch
        {
            ZohoFieldType.Picklist => Picklist(field, [value.AsText!]),
            ZohoFieldType.MultiSelectPicklist => Picklist(field, value.AsList),
            ZohoFieldType.WholeNumber => Whole(field, value, WholeNumberMax),
            ZohoFieldType.BigWholeNumber => Whole(field, value, long.MaxValue),
            ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => Digits(field, value.AsNumber!.Value),
            ZohoFieldType.Date => value.AsDate is null ? Fail(field, ValidationRules.Format, $"must be {FieldValueCodec.Expected(field.Type)}") : null,
            ZohoFieldType.DateTime => value.AsDateTime is null ? Fail(field, ValidationRules.Format, $"must be {FieldValueCodec.Expected(field.Type)}") : null,
            ZohoFieldType.Boolean => null,
            _ => Text(field, value.AsText!),
        };
    }

    /// <summary>A failure for a value that could not be read as its kind (<see cref="FieldValueParse.Error"/>).</summary>
    public static ValidationFailure Unreadable(ZohoFieldDefinition field, string error)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Fail(field, ValidationRules.Type, error);
    }

    private static ValidationFailure? Text(ZohoFieldDefinition field, string text)
    {
        if (field.MaxLength is { } max && text.Length > max)
        {
            return Fail(field, ValidationRules.MaxLength, $"is at most {max} characters (this one has {text.Length}; Zoho counts UTF-16 units)");
        }

        return text.Any(c => char.IsControl(c) && (field.Type != ZohoFieldType.TextArea || c is not ('\n' or '\t')))
            ? Fail(field, ValidationRules.Characters, "must not contain control characters" + (field.Type == ZohoFieldType.TextArea ? string.Empty : " or line breaks"))
            : null;
    }

    private static ValidationFailure? Picklist(ZohoFieldDefinition field, IReadOnlyList<string> chosen)
    {
        if (field.PicklistValues.Count == 0)
        {
            return null;
        }

        var unknown = chosen.FirstOrDefault(v => !field.PicklistValues.Contains(v, StringComparer.Ordinal));
        return unknown is null
            ? null
            : Fail(field, ValidationRules.Picklist, $"has no value \"{unknown}\" in Zoho; choose one of: {string.Join(", ", field.PicklistValues)}");
    }

    private static ValidationFailure? Whole(ZohoFieldDefinition field, FieldValue value, long max)
    {
        if (value.AsLong is not { } whole)
        {
            return Fail(field, ValidationRules.Type, "must be a whole number");
        }

        if (whole > max || whole < -max)
        {
            return Fail(field, ValidationRules.Range, $"must be between {-max} and {max}");
        }

        return Digits(field, whole);
    }

    private static ValidationFailure? Digits(ZohoFieldDefinition field, decimal number)
    {
        var digits = decimal.Truncate(Math.Abs(number)).ToString(System.Globalization.CultureInfo.InvariantCulture).TrimStart('0').Length;
        return field.MaxLength is { } max && digits > max
            ? Fail(field, ValidationRules.Range, $"has at most {max} digits before the decimal point (this one has {digits})")
            : null;
    }

    private static ValidationFailure Fail(ZohoFieldDefinition field, string rule, string what) =>
        new(field.ApiName, rule, $"{field.Label} {what}.");
}
