using System.ComponentModel.DataAnnotations;

namespace LeadSync.Web.Security;

/// <summary>
/// The <c>Admin</c> section: when both are set and no admin exists yet, the first admin is created at startup.
/// Give the password through an environment variable or user secrets (<c>Admin__Password</c>), never a committed file.
/// </summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Admin";

    [EmailAddress]
    public string? Email { get; set; }

    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Email) != string.IsNullOrWhiteSpace(Password))
        {
            yield return new ValidationResult(
                "Admin:Email and Admin:Password must be given together (or neither: then create the first admin at /setup).",
                [nameof(Email), nameof(Password)]);
        }
    }
}
