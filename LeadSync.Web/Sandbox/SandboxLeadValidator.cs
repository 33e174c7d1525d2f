using System.Text.RegularExpressions;

namespace LeadSync.Web.Sandbox;

/// <summary>Zoho's field rules for a lead (§2.11, §3): Last_Name mandatory, maximum lengths, email and phone formats.</summary>
public static partial class SandboxLeadValidator
{
    /// <summary>The first rule the lead breaks, or null.</summary>
    public static SandboxRecordError? Validate(SandboxLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (string.IsNullOrWhiteSpace(lead.LastName))
        {
            return SandboxRecordError.Mandatory(SandboxLeadFields.LastName);
        }

        foreach (var (apiName, max) in SandboxLeadFields.Writable)
        {
            var value = ValueOf(lead, apiName);
            if (value is not null && value.Length > max)
            {
                return SandboxRecordError.TooLong(apiName, max);
            }
        }

        if (lead.Email is not null && !EmailPattern().IsMatch(lead.Email))
        {
            return SandboxRecordError.WrongType(SandboxLeadFields.Email, "email");
        }

        if (lead.Phone is not null && !PhonePattern().IsMatch(lead.Phone))
        {
            return SandboxRecordError.WrongType(SandboxLeadFields.Phone, "phone");
        }

        return null;
    }

    public static string? ValueOf(SandboxLead lead, string apiName)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return apiName switch
        {
            SandboxLeadFields.FirstName => lead.FirstName,
            SandboxLeadFields.LastName => lead.LastName,
            SandboxLeadFields.Email => lead.Email,
            SandboxLeadFields.Phone => lead.Phone,
            SandboxLeadFields.LeadStatus => lead.LeadStatus,
            SandboxLeadFields.Company => lead.Company,
            _ => null,
        };
    }

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[+]?[0-9 ().\-/x#*]*[0-9][0-9 ().\-/x#*]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
