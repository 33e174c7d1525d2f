using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Fields.Errors;

/// <summary>
/// Which of Zoho's refusals are about one extra field (docs/zoho §3, §2.11.2): the error's <c>details.api_name</c>
/// (or a Bulk Write <c>ERRORS</c> cell's column, §6.2) names a field that is none of the six core fields and not the
/// record's <c>id</c>. Such a refusal leaves that field out of the lead's push; any other stays a refusal of the lead.
/// </summary>
public static class FieldErrorCodes
{
    /// <summary>The code of a pull field error: Zoho's value does not fit the field's metadata.</summary>
    public const string Unfit = "ZOHO_VALUE_UNFIT";

    /// <summary>The extra field Zoho's <paramref name="error"/> names, or null when it is about the lead as a whole.</summary>
    public static string? ExtraField(ZohoRecordError? error)
    {
        if (error?.ApiName is not { Length: > 0 } apiName || ZohoErrorCodes.IsPassing(error.Code) || ZohoErrorCodes.IsRecordGone(error))
        {
            return null;
        }

        if (string.Equals(apiName, "id", StringComparison.Ordinal) || ZohoFieldNames.SyncedApiNames.Contains(apiName) || LeadFields.IsCore(apiName))
        {
            return null;
        }

        // An API name: letters, digits and underscores (a request-level path such as "$.data" is not a field).
        return apiName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? apiName : null;
    }
}
