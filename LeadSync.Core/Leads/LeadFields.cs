using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Leads;

/// <summary>
/// The business fields LeadSync keeps in sync with Zoho. Used for inputs, the agreed snapshot and three-way merges.
/// Values are normalised (trimmed, empty as null) by <see cref="Normalize"/>. <see cref="Extra"/> carries the values of
/// mapped extra fields (by Zoho API name), so the agreed snapshot, merges, conflicts and history include them.
/// </summary>
public sealed record LeadFields(
    string? FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? Status,
    string? Company)
{
    /// <summary>The values of mapped extra fields by Zoho API name; empty when none are mapped or set.</summary>
    public LeadFieldValues Extra { get; init; } = LeadFieldValues.Empty;

    /// <summary>The field names, in display order, as the console and the conflict records name them.</summary>
    public static IReadOnlyList<string> Names { get; } = [nameof(FirstName), nameof(LastName), nameof(Email), nameof(Phone), nameof(Status), nameof(Company)];

    /// <summary>
    /// Reads one field by name (see <see cref="Names"/>); any other name is an extra field's API name, read as its stored
    /// text (<see cref="FieldValue.ToStoredText"/>) — the form conflict rows keep.
    /// </summary>
    public string? Get(string field) => field switch
    {
        "FirstName" => FirstName,
        "LastName" => LastName,
        "Email" => Email,
        "Phone" => Phone,
        "Status" => Status,
        "Company" => Company,
        _ => FieldValue.ToStoredText(Extra.Get(field)),
    };

    /// <summary>Returns a copy with one field replaced (an extra field from its stored text).</summary>
    public LeadFields With(string field, string? value) => field switch
    {
        "FirstName" => this with { FirstName = value },
        "LastName" => this with { LastName = value ?? string.Empty },
        "Email" => this with { Email = value ?? string.Empty },
        "Phone" => this with { Phone = value },
        "Status" => this with { Status = value },
        "Company" => this with { Company = value },
        _ => WithExtra(field, FieldValue.FromStoredText(value)),
    };

    /// <summary>Trims every value and turns blanks into null (LastName and Email into empty strings).</summary>
    public LeadFields Normalize() => new(
        Clean(FirstName),
        Clean(LastName) ?? string.Empty,
        Clean(Email) ?? string.Empty,
        Clean(Phone),
        Clean(Status),
        Clean(Company))
    { Extra = Extra ?? LeadFieldValues.Empty };

    /// <summary>A copy with one extra field set (null clears it).</summary>
    public LeadFields WithExtra(string apiName, FieldValue? value) => this with { Extra = Extra.With(apiName, value) };

    /// <summary>True for the six core field names of <see cref="Names"/>; any other name is an extra field's API name.</summary>
    /// <summary>The lead's name as people read it: first and last name, or the last name alone (not stored: derived).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(FirstName) ? LastName : $"{FirstName} {LastName}";

    public static bool IsCore(string field) => field is "FirstName" or "LastName" or "Email" or "Phone" or "Status" or "Company";

    /// <summary>True when the two value sets are equal field by field (normalised; see <see cref="ValuesEqual"/>).</summary>
    public bool SameValuesAs(LeadFields other) =>
        FieldEquals("FirstName", other) && FieldEquals("LastName", other) && FieldEquals("Email", other)
        && FieldEquals("Phone", other) && FieldEquals("Status", other) && FieldEquals("Company", other)
        && Extra.Equals(other.Extra);

    /// <summary>True when one field holds the same value on both sides.</summary>
    public bool FieldEquals(string field, LeadFields other) => ValuesEqual(field, Get(field), other.Get(field));

    /// <summary>
    /// The equality LeadSync applies to a field's values when deciding what changed: trimmed, blanks as none, otherwise
    /// exact — for emails too. The letter case of an email is data a person chose (fixing "JOHN@X.COM" to
    /// "john@x.com" is an edit), so it travels both ways like any change; only identity (the unique email, matching a
    /// Zoho record by email) ignores case, through <see cref="Lead.NormalizeEmail"/>.
    /// </summary>
    public static bool ValuesEqual(string field, string? a, string? b)
    {
        ArgumentNullException.ThrowIfNull(field);
        return IsCore(field)
            ? string.Equals(Clean(a), Clean(b), StringComparison.Ordinal)
            : Equals(FieldValue.FromStoredText(a), FieldValue.FromStoredText(b));
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
