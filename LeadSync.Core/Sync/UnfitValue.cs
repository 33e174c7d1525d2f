using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Sync;

/// <summary>
/// A value Zoho holds for a pulled extra field that does not fit the field as LeadSync's metadata describes it: the
/// field was retyped in Zoho, or a picklist value is not (or no longer) listed. The pull leaves it out and the lead
/// shows a per-field error; <see cref="ZohoValue"/> is Zoho's value as stored JSON text, for the error's detail.
/// </summary>
public sealed record UnfitValue(string ApiName, string Reason, string? ZohoValue)
{
    /// <summary>
    /// The misfit of <paramref name="raw"/> (read as <paramref name="typed"/>), or null when it fits: not readable as the
    /// field's kind, or a picklist value the field does not list. Lengths and formats Zoho itself enforces are not
    /// checked again on the pull's hot path.
    /// </summary>
    public static UnfitValue? Of(ZohoFieldDefinition field, FieldValue? raw, FieldValueParse typed)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(typed);
        var reason = !typed.Ok ? $"{field.Label} {typed.Error}"
            : field.Type is ZohoFieldType.Picklist or ZohoFieldType.MultiSelectPicklist ? FieldValueRules.Check(field, typed.Value)?.Message
            : null;
        return reason is null
            ? null
            : new UnfitValue(field.ApiName, $"Zoho's value {FieldValue.DisplayStored(FieldValue.ToStoredText(raw))} does not fit {field.Label} ({field.ApiName}) as LeadSync knows it: {reason}", FieldValue.ToStoredText(raw));
    }
}
