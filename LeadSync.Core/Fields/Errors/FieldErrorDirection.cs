namespace LeadSync.Core.Fields.Errors;

/// <summary>Which way a per-field error stopped a value (stored by name).</summary>
public enum FieldErrorDirection
{
    /// <summary>Zoho refused the lead's value for the field: the push leaves the field out until the value changes.</summary>
    Push,

    /// <summary>Zoho's value does not fit the field's metadata (retyped, a picklist value LeadSync does not know): not applied.</summary>
    Pull,
}
