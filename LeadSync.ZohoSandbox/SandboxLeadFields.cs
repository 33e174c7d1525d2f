using LeadSync.Core.Leads;

namespace LeadSync.ZohoSandbox;

/// <summary>The Leads fields the sandbox holds (§2.11): API names and limits.</summary>
public static class SandboxLeadFields
{
    public const string Id = "id";
    public const string FirstName = "First_Name";
    public const string LastName = "Last_Name";
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string LeadStatus = "Lead_Status";
    public const string Company = "Company";
    public const string Owner = "Owner";
    public const string FullName = "Full_Name";
    public const string CreatedTime = "Created_Time";
    public const string ModifiedTime = "Modified_Time";
    public const string CreatedBy = "Created_By";
    public const string ModifiedBy = "Modified_By";

    /// <summary>Writable text fields and their maximum lengths in UTF-16 units (Zoho's, kept once in Core's <see cref="Lead"/>).</summary>
    public static IReadOnlyDictionary<string, int> Writable { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [FirstName] = Lead.FirstNameMaxLength,
        [LastName] = Lead.LastNameMaxLength,
        [Email] = Lead.EmailMaxLength,
        [Phone] = Lead.PhoneMaxLength,
        [LeadStatus] = Lead.StatusMaxLength,
        [Company] = Lead.CompanyMaxLength,
    };

    /// <summary>The <c>expected_data_type</c> Zoho names when a writable field's value is refused (§3).</summary>
    public static string DataTypeOf(string apiName) => apiName switch
    {
        Email => "email",
        Phone => "phone",
        LeadStatus => "picklist",
        _ => "text",
    };

    /// <summary>Every field a list call may ask for, in output order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [FirstName, LastName, Email, Phone, LeadStatus, Company, Owner, FullName, CreatedTime, ModifiedTime, CreatedBy, ModifiedBy];

    /// <summary>Suggested Lead_Status values (Zoho's defaults, §2.11); any text is accepted.</summary>
    public static IReadOnlyList<string> StatusSuggestions { get; } =
        ["Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead", "Lost Lead", "Not Contacted", "Pre-Qualified", "Not Qualified"];
}
