namespace LeadSync.Core.Leads;

/// <summary>The names of the rules a <see cref="ValidationFailure"/> can report (its <see cref="ValidationFailure.Rule"/>).</summary>
public static class ValidationRules
{
    /// <summary>The field has no value but must have one.</summary>
    public const string Required = "required";

    /// <summary>The value is longer than Zoho allows (counted in UTF-16 code units).</summary>
    public const string MaxLength = "maxLength";

    /// <summary>The value is not in the field's format (email address, phone number).</summary>
    public const string Format = "format";

    /// <summary>The value contains control characters or line breaks.</summary>
    public const string Characters = "characters";

    /// <summary>The value has no visible character (only spaces, zero-width, format or combining characters).</summary>
    public const string Visible = "visible";

    /// <summary>The value is not of the field's kind (a number, a date, true or false…).</summary>
    public const string Type = "type";

    /// <summary>The value is not one of the picklist's values in Zoho.</summary>
    public const string Picklist = "picklist";

    /// <summary>The number is out of the field's range or has more digits than Zoho keeps.</summary>
    public const string Range = "range";

    /// <summary>The field is not mapped, or its mapping does not let LeadSync write it.</summary>
    public const string NotWritable = "notWritable";
}
