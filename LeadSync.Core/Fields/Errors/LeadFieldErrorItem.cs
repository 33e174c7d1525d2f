using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Fields.Errors;

/// <summary>
/// One mapped field that does not sync for a lead, as lists show it beside the lead (the grid's sync-state cell, the
/// API's <c>fieldErrors</c>): the field's API name, which way, Zoho's code and message, and the value that was refused
/// (the lead's own value on a push, Zoho's on a pull) in stored form.
/// </summary>
public sealed record LeadFieldErrorItem(string ApiName, FieldErrorDirection Direction, string Code, string Message, string? Value)
{
    /// <summary>The refused value read back (null for none).</summary>
    public FieldValue? RefusedValue => FieldValue.FromStoredText(Value);
}
