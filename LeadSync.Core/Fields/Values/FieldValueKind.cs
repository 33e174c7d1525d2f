namespace LeadSync.Core.Fields.Values;

/// <summary>
/// The JSON shape a mapped extra value is stored and sent in. Dates and date-times are text in their one canonical form
/// (<c>yyyy-MM-dd</c>, <c>yyyy-MM-ddTHH:mm:ss+00:00</c>); which Zoho kind a value belongs to comes from the metadata
/// (<see cref="FieldValueCodec"/>), so the stored JSON stays readable without it.
/// </summary>
public enum FieldValueKind
{
    Text,
    Number,
    Boolean,
    List,
}
