using System.Text.RegularExpressions;
using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>The rules of a field edit (what a Zoho admin may do to a field), refused with an <see cref="ArgumentException"/> naming the rule.</summary>
internal static partial class SandboxFieldEdits
{
    public static ZohoFieldDefinition NewField(SandboxFieldEdit edit)
    {
        var label = edit.Label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 50)
        {
            throw new ArgumentException("A field needs a label of 1 to 50 characters.");
        }

        var type = TypeOf(edit) ?? throw new ArgumentException("A field needs a data_type.");
        var apiName = string.IsNullOrWhiteSpace(edit.ApiName) ? NonWord().Replace(label, "_") + "__c" : edit.ApiName.Trim();
        if (!ApiNamePattern().IsMatch(apiName))
        {
            throw new ArgumentException($"'{apiName}' is not a valid API name: letters, digits and underscores, starting with a letter.");
        }

        var field = new ZohoFieldDefinition
        {
            ApiName = apiName, Label = label, Type = type, DataType = ZohoFieldTypes.DataTypeOf(type), Custom = true,
            MaxLength = edit.MaxLength ?? DefaultLength(type), Mandatory = edit.Mandatory ?? false,
        };
        return WithPicklist(field, edit.PicklistValues ?? []);
    }

    public static ZohoFieldDefinition Apply(ZohoFieldDefinition field, SandboxFieldEdit edit)
    {
        if (edit.Label is { } label)
        {
            label = label.Trim();
            field = label.Length is >= 1 and <= 50 ? field with { Label = label } : throw new ArgumentException("A label has 1 to 50 characters.");
        }

        if (TypeOf(edit) is { } type && type != field.Type)
        {
            if (SandboxStandardFields.IsProtected(field))
            {
                throw new ArgumentException($"{field.ApiName} is a core or system field: its type cannot change.");
            }

            field = field with { Type = type, DataType = ZohoFieldTypes.DataTypeOf(type), MaxLength = edit.MaxLength ?? DefaultLength(type), PicklistValues = [] };
        }

        if (edit.PicklistValues is { } values)
        {
            field = WithPicklist(field, values);
        }

        return edit.Mandatory is { } mandatory ? field with { Mandatory = mandatory } : field;
    }

    /// <summary>The kind <see cref="SandboxFieldEdit.DataType"/> names; null when none is given; refused when LeadSync does not know it.</summary>
    private static ZohoFieldType? TypeOf(SandboxFieldEdit edit)
    {
        if (string.IsNullOrWhiteSpace(edit.DataType))
        {
            return null;
        }

        var type = ZohoFieldTypes.Parse(edit.DataType.Trim());
        return type is ZohoFieldType.Unsupported or ZohoFieldType.Lookup or ZohoFieldType.OwnerLookup
            ? throw new ArgumentException($"data_type '{edit.DataType}' cannot be created in the sandbox: use text, textarea, email, phone, website, picklist, multiselectpicklist, integer, bigint, double, currency, percent, date, datetime or boolean.")
            : type;
    }

    private static ZohoFieldDefinition WithPicklist(ZohoFieldDefinition field, IReadOnlyList<string> values)
    {
        var clean = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var picklist = field.Type is ZohoFieldType.Picklist or ZohoFieldType.MultiSelectPicklist;
        if (!picklist)
        {
            return clean.Count == 0 ? field : throw new ArgumentException($"{field.ApiName} is not a picklist: it has no values.");
        }

        return clean.Count > 0 ? field with { PicklistValues = clean } : throw new ArgumentException($"{field.ApiName} needs at least one picklist value.");
    }

    private static int? DefaultLength(ZohoFieldType type) => type switch
    {
        ZohoFieldType.Text or ZohoFieldType.Email or ZohoFieldType.Phone => 255,
        ZohoFieldType.Website => 255,
        ZohoFieldType.TextArea => 2000,
        ZohoFieldType.WholeNumber => 9,
        ZohoFieldType.BigWholeNumber => 18,
        ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => 16,
        _ => null,
    };

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,99}$")]
    private static partial Regex ApiNamePattern();
}
