namespace LeadSync.Core.Leads;

/// <summary>
/// The business fields LeadSync keeps in sync with Zoho. Used for inputs, the agreed snapshot and three-way merges.
/// Values are normalised (trimmed, empty as null) by <see cref="Normalize"/>.
/// </summary>
public sealed record LeadFields(
    string? FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? Status,
    string? Company)
{
    /// <summary>The field names, in display order, as the console and the conflict records name them.</summary>
    public static IReadOnlyList<string> Names { get; } = [nameof(FirstName), nameof(LastName), nameof(Email), nameof(Phone), nameof(Status), nameof(Company)];

    /// <summary>Reads one field by name (see <see cref="Names"/>).</summary>
    public string? Get(string field) => field switch
    {
        "FirstName" => FirstName,
        "LastName" => LastName,
        "Email" => Email,
        "Phone" => Phone,
        "Status" => Status,
        "Company" => Company,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
    };

    /// <summary>Returns a copy with one field replaced.</summary>
    public LeadFields With(string field, string? value) => field switch
    {
        "FirstName" => this with { FirstName = value },
        "LastName" => this with { LastName = value ?? string.Empty },
        "Email" => this with { Email = value ?? string.Empty },
        "Phone" => this with { Phone = value },
        "Status" => this with { Status = value },
        "Company" => this with { Company = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
    };

    /// <summary>Trims every value and turns blanks into null (LastName and Email into empty strings).</summary>
    public LeadFields Normalize() => new(
        Clean(FirstName),
        Clean(LastName) ?? string.Empty,
        Clean(Email) ?? string.Empty,
        Clean(Phone),
        Clean(Status),
        Clean(Company));

    /// <summary>True when the two value sets are equal field by field (normalised; see <see cref="ValuesEqual"/>).</summary>
    public bool SameValuesAs(LeadFields other) =>
        FieldEquals("FirstName", other) && FieldEquals("LastName", other) && FieldEquals("Email", other)
        && FieldEquals("Phone", other) && FieldEquals("Status", other) && FieldEquals("Company", other);

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
        return string.Equals(Clean(a), Clean(b), StringComparison.Ordinal);
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
