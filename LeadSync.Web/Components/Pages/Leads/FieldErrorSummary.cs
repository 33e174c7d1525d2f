using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// How the grid words a lead's per-field errors in one line: "2 fields do not sync: Industry (INVALID_DATA: the picklist
/// value is not available), Seats (ZOHO_VALUE_UNFIT: …)". Labels come from the mapping (the API name for a field no
/// longer mapped); long messages are cut, the lead's dialog shows them whole.
/// </summary>
internal static class FieldErrorSummary
{
    private const int MaxMessageLength = 80;

    public static string Text(IReadOnlyList<LeadFieldErrorItem> errors, IReadOnlyList<MappedField> mapped)
    {
        var fields = errors.Select(e => e.ApiName).Distinct(StringComparer.Ordinal).Count();
        var parts = errors.Select(e => $"{Label(e.ApiName, mapped)} ({e.Code}: {Shorten(e.Message)})");
        return $"{fields} {(fields == 1 ? "field does" : "fields do")} not sync: {string.Join(", ", parts)}";
    }

    private static string Label(string apiName, IReadOnlyList<MappedField> mapped) =>
        mapped.FirstOrDefault(m => string.Equals(m.ApiName, apiName, StringComparison.Ordinal))?.Definition.Label ?? apiName;

    private static string Shorten(string message) => message.Length > MaxMessageLength ? message[..MaxMessageLength].TrimEnd() + "…" : message;
}
