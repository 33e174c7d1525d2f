using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Zoho's field rules for a lead (§2.11, §3), answered as Zoho answers them. The rules themselves are Core's
/// (<see cref="LeadFieldRules"/>: lengths in UTF-16 units, visible names, email and phone formats, no control
/// characters), so the sandbox refuses exactly what LeadSync refuses; this class only maps a broken rule to Zoho's
/// error: missing Last_Name → MANDATORY_NOT_FOUND, too long → INVALID_DATA with <c>maximum_length</c>, anything else
/// → INVALID_DATA with <c>expected_data_type</c>. Email is optional here, as in Zoho.
/// </summary>
internal static class SandboxLeadValidator
{
    // Last_Name first: a missing mandatory field is reported before the other fields' content.
    private static readonly string[] CheckOrder =
    [
        SandboxLeadFields.LastName, SandboxLeadFields.FirstName, SandboxLeadFields.Email,
        SandboxLeadFields.Phone, SandboxLeadFields.LeadStatus, SandboxLeadFields.Company,
    ];

    /// <summary>The first rule the lead breaks, or null.</summary>
    public static SandboxRecordError? Validate(SandboxLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        foreach (var apiName in CheckOrder)
        {
            var field = ZohoFieldNames.ToLeadField(apiName)!;
            if (LeadFieldRules.Check(field, ValueOf(lead, apiName)) is { } failure)
            {
                return ToZohoError(apiName, failure);
            }
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

    private static SandboxRecordError ToZohoError(string apiName, ValidationFailure failure) => failure.Rule switch
    {
        ValidationRules.Required => SandboxRecordError.Mandatory(apiName),
        ValidationRules.MaxLength => SandboxRecordError.TooLong(apiName, SandboxLeadFields.Writable[apiName]),
        _ => SandboxRecordError.WrongType(apiName, SandboxLeadFields.DataTypeOf(apiName)),
    };
}
