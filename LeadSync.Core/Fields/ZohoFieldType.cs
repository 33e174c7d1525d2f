namespace LeadSync.Core.Fields;

/// <summary>
/// The kinds of Zoho Lead field LeadSync tells apart (Zoho's <c>data_type</c> in <c>/settings/fields</c>, reference §2.11):
/// each kind has its own JSON shape, validation and editor. <see cref="Unsupported"/> covers the kinds LeadSync shows but
/// never syncs (subforms, formulas it cannot write, images…).
/// </summary>
public enum ZohoFieldType
{
    Unsupported = 0,
    Text,
    TextArea,
    Email,
    Phone,
    Website,
    Picklist,
    MultiSelectPicklist,
    WholeNumber,
    BigWholeNumber,
    DecimalNumber,
    Currency,
    Percent,
    Date,
    DateTime,
    Boolean,
    Lookup,
    OwnerLookup,
}
