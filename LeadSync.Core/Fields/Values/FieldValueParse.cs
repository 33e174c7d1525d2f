namespace LeadSync.Core.Fields.Values;

/// <summary>The outcome of reading one extra value: the value (null for none), or why it could not be read.</summary>
/// <param name="Value">The typed value; null when the input was blank or when <see cref="Error"/> is set.</param>
/// <param name="Error">What the value must be (e.g. "must be a whole number"), without the field's name; null when read.</param>
public sealed record FieldValueParse(FieldValue? Value, string? Error)
{
    public static FieldValueParse None { get; } = new(null, null);

    public bool Ok => Error is null;

    public static FieldValueParse Of(FieldValue value) => new(value, null);

    public static FieldValueParse Fail(string error) => new(null, error);
}
