using LeadSync.Core.Fields;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// How the Leads grid may filter a mapped extra field, decided by its Zoho kind (<see cref="For"/>): each kind has one
/// filter, so a URL, the grid's filter menu and the API mean the same by a field's filter.
/// </summary>
public enum FieldFilterKind
{
    /// <summary>The kind cannot be filtered (lookups, unsupported kinds).</summary>
    None,

    /// <summary>Text contains (case-insensitive): text, text area, email, phone, website.</summary>
    TextContains,

    /// <summary>A number between two bounds, either open: whole numbers, decimals, currency, percent.</summary>
    NumberRange,

    /// <summary>A date between two days, either open (inclusive, UTC days for date-times): date, date-time.</summary>
    DateRange,

    /// <summary>One of some of Zoho's values: picklist.</summary>
    OneOf,

    /// <summary>Holds every chosen value (of Zoho's): multi-select.</summary>
    ContainsAll,

    /// <summary>Yes, no or empty: boolean.</summary>
    Boolean,
}

/// <summary>The one rule of which filter a kind of Zoho field gets.</summary>
public static class FieldFilterKinds
{
    public static FieldFilterKind For(ZohoFieldType type) => type switch
    {
        ZohoFieldType.Text or ZohoFieldType.TextArea or ZohoFieldType.Email or ZohoFieldType.Phone or ZohoFieldType.Website
            => FieldFilterKind.TextContains,
        ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber or ZohoFieldType.DecimalNumber or ZohoFieldType.Currency
            or ZohoFieldType.Percent => FieldFilterKind.NumberRange,
        ZohoFieldType.Date or ZohoFieldType.DateTime => FieldFilterKind.DateRange,
        ZohoFieldType.Picklist => FieldFilterKind.OneOf,
        ZohoFieldType.MultiSelectPicklist => FieldFilterKind.ContainsAll,
        ZohoFieldType.Boolean => FieldFilterKind.Boolean,
        _ => FieldFilterKind.None,
    };

    /// <summary>True when the grid can sort by a field of this kind (every kind with a filter).</summary>
    public static bool CanSort(ZohoFieldType type) => For(type) != FieldFilterKind.None;
}
