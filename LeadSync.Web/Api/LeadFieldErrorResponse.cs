using System.Text.Json.Nodes;
using LeadSync.Core.Fields.Errors;

namespace LeadSync.Web.Api;

/// <summary>
/// A mapped field that does not sync for the lead (a per-field error, docs/zoho §2.12): the lead's other fields sync, this
/// one is left out until its value changes, Zoho's value fits again or an admin changes the field's mapping.
/// <see cref="Field"/> is the Zoho API name, <see cref="Direction"/> <c>push</c> (Zoho refused the lead's value) or
/// <c>pull</c> (Zoho's value does not fit the field as LeadSync knows it), <see cref="RefusedValue"/> the value concerned,
/// typed as in <c>fields</c> (null when there was none).
/// </summary>
public sealed record LeadFieldErrorResponse(string Field, string Direction, string Code, string Message, JsonNode? RefusedValue)
{
    public static LeadFieldErrorResponse From(LeadFieldErrorItem error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.ApiName, EnumNames.Camel(error.Direction), error.Code, error.Message, error.RefusedValue?.ToJson());
    }
}
