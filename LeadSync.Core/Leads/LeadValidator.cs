using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace LeadSync.Core.Leads;

/// <summary>
/// Zoho's field rules for Leads (reference §2.11), shared by the console, the REST API and the sync engine.
/// Lengths count characters as Zoho does (text elements, so an emoji or an accented letter counts once).
/// </summary>
public static partial class LeadValidator
{
    /// <summary>Checks normalised values; an empty list means valid.</summary>
    public static IReadOnlyList<ValidationFailure> Validate(LeadFields input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = input.Normalize();
        var failures = new List<ValidationFailure>();

        MaxLength(failures, "FirstName", "First name", fields.FirstName, Lead.FirstNameMaxLength);
        NoControlCharacters(failures, "FirstName", "First name", fields.FirstName);

        if (string.IsNullOrEmpty(fields.LastName))
        {
            failures.Add(new("LastName", "required", "Last name is required."));
        }
        else
        {
            MaxLength(failures, "LastName", "Last name", fields.LastName, Lead.LastNameMaxLength);
            NoControlCharacters(failures, "LastName", "Last name", fields.LastName);
        }

        if (string.IsNullOrEmpty(fields.Email))
        {
            failures.Add(new("Email", "required", "Email is required."));
        }
        else if (Length(fields.Email) > Lead.EmailMaxLength)
        {
            failures.Add(new("Email", "maxLength", $"Email must be at most {Lead.EmailMaxLength} characters."));
        }
        else if (!IsValidEmail(fields.Email))
        {
            failures.Add(new("Email", "format", "Email must be a valid address such as name@example.com."));
        }

        if (fields.Phone is not null)
        {
            if (Length(fields.Phone) > Lead.PhoneMaxLength)
            {
                failures.Add(new("Phone", "maxLength", $"Phone must be at most {Lead.PhoneMaxLength} characters."));
            }
            else if (!PhonePattern().IsMatch(fields.Phone) || !fields.Phone.Any(char.IsAsciiDigit))
            {
                failures.Add(new("Phone", "format",
                    "Phone may contain only digits, spaces and + - ( ) . / x, and at least one digit."));
            }
        }

        MaxLength(failures, "Status", "Status", fields.Status, Lead.StatusMaxLength);
        NoControlCharacters(failures, "Status", "Status", fields.Status);
        MaxLength(failures, "Company", "Company", fields.Company, Lead.CompanyMaxLength);
        NoControlCharacters(failures, "Company", "Company", fields.Company);
        return failures;
    }

    /// <summary>Throws <see cref="LeadValidationException"/> when the values break a rule.</summary>
    public static void EnsureValid(LeadFields input)
    {
        var failures = Validate(input);
        if (failures.Count > 0)
        {
            throw new LeadValidationException(failures);
        }
    }

    /// <summary>True for a string of 1 to 19 digits: the shape of a Zoho record id.</summary>
    public static bool IsValidZohoId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= Lead.ZohoIdMaxLength && id.All(char.IsAsciiDigit);

    private static void MaxLength(List<ValidationFailure> failures, string field, string label, string? value, int max)
    {
        if (value is not null && Length(value) > max)
        {
            failures.Add(new(field, "maxLength", $"{label} must be at most {max} characters."));
        }
    }

    private static void NoControlCharacters(List<ValidationFailure> failures, string field, string label, string? value)
    {
        if (value is not null && value.Any(char.IsControl))
        {
            failures.Add(new(field, "characters", $"{label} must not contain control characters or line breaks."));
        }
    }

    private static int Length(string value) => new StringInfo(value).LengthInTextElements;

    private static bool IsValidEmail(string email)
    {
        if (!EmailPattern().IsMatch(email))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[^\s@""(),:;<>\[\]\\]+@[^\s@""(),:;<>\[\]\\]+\.[^\s@""(),:;<>\[\]\\.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9+\-(). /xX]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
