namespace LeadSync.Core.Leads;

/// <summary>
/// Zoho's rules for the content of one lead field (Zoho reference §2.11), the one place they are written: the
/// console, the REST API and the pull apply them through <see cref="LeadValidator"/>, and a built-in Zoho endpoint calls
/// them directly, so LeadSync and that endpoint accept the same values. Lengths count UTF-16 code units as Zoho does
/// (<see cref="ZohoText"/>); names need a visible character; emails and phones follow <see cref="EmailRule"/> and
/// <see cref="PhoneRule"/>; no field may hold control characters.
/// </summary>
public static class LeadFieldRules
{
    private const string LengthUnits = "Zoho counts UTF-16 units: an emoji or a letter with a combining accent counts as 2 or more";

    /// <summary>
    /// The first rule <paramref name="value"/> breaks in <paramref name="field"/> (a name from <see cref="LeadFields.Names"/>),
    /// or null. The value is checked as given (callers normalise first if they mean to). A blank value is "not given":
    /// fine for an optional field, <see cref="ValidationRules.Required"/> for the last name, which Zoho requires.
    /// </summary>
    public static ValidationFailure? Check(string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrWhiteSpace(value))
        {
            return field == "LastName" ? new(field, ValidationRules.Required, "Last name is required.") : null;
        }

        return field switch
        {
            "FirstName" or "LastName" or "Company" => Name(field, Label(field), value, MaxLength(field)),
            "Email" => Email(value),
            "Phone" => Phone(value),
            "Status" => Text(field, Label(field), value, Lead.StatusMaxLength),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
        };
    }

    /// <summary>The field as people read it: <c>LastName</c> → "Last name".</summary>
    public static string Label(string field) => field switch
    {
        "FirstName" => "First name",
        "LastName" => "Last name",
        "Status" => "Status",
        "Email" or "Phone" or "Company" => field,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
    };

    /// <summary>The most UTF-16 units Zoho keeps in the field.</summary>
    public static int MaxLength(string field) => field switch
    {
        "FirstName" => Lead.FirstNameMaxLength,
        "LastName" => Lead.LastNameMaxLength,
        "Email" => Lead.EmailMaxLength,
        "Phone" => Lead.PhoneMaxLength,
        "Status" => Lead.StatusMaxLength,
        "Company" => Lead.CompanyMaxLength,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
    };

    /// <summary>What the field accepts, in words (the rules of <see cref="Check"/>), for advice on a refused value.</summary>
    public static string Allowed(string field)
    {
        var max = MaxLength(field);
        return field switch
        {
            "Email" => $"a valid address such as name@example.com, in ASCII letters, digits and symbols only, at most {max} characters",
            "Phone" => $"only {PhoneRule.Allowed}; at most {max} characters",
            "Status" => $"at most {max} characters, without line breaks",
            _ => $"at most {max} characters (an emoji may count as 2), with a visible character and without line breaks",
        };
    }

    private static ValidationFailure? Name(string field, string label, string value, int max) =>
        Text(field, label, value, max)
        ?? (ZohoText.HasVisibleCharacter(value)
            ? null
            : new(field, ValidationRules.Visible,
                $"{label} must contain at least one visible character (a letter, digit, punctuation mark or symbol), not only spaces or invisible characters."));

    private static ValidationFailure? Text(string field, string label, string value, int max)
    {
        if (ZohoText.Length(value) > max)
        {
            return new(field, ValidationRules.MaxLength, $"{label} must be at most {max} characters ({LengthUnits}).");
        }

        return ZohoText.HasControlCharacter(value)
            ? new(field, ValidationRules.Characters, $"{label} must not contain control characters or line breaks.")
            : null;
    }

    private static ValidationFailure? Email(string value)
    {
        if (ZohoText.Length(value) > Lead.EmailMaxLength)
        {
            return new("Email", ValidationRules.MaxLength, $"Email must be at most {Lead.EmailMaxLength} characters.");
        }

        if (!EmailRule.HasOnlyPrintableAscii(value))
        {
            return new("Email", ValidationRules.Format,
                "Email may contain only ASCII letters, digits and symbols: no spaces, line breaks, accented or full-width letters, or invisible or direction-changing characters.");
        }

        return EmailRule.IsValid(value)
            ? null
            : new("Email", ValidationRules.Format,
                "Email must be a valid address such as name@example.com. A dot may not start or end the part before the @ "
                + "or follow another dot, and the domain needs labels of letters, digits or inner hyphens ending in two or more letters.");
    }

    private static ValidationFailure? Phone(string value)
    {
        if (ZohoText.Length(value) > Lead.PhoneMaxLength)
        {
            return new("Phone", ValidationRules.MaxLength, $"Phone must be at most {Lead.PhoneMaxLength} characters.");
        }

        return PhoneRule.IsValid(value) ? null : new("Phone", ValidationRules.Format, $"Phone may contain only {PhoneRule.Allowed}.");
    }
}
