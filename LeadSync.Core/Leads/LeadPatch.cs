using System.Text.Json;

namespace LeadSync.Core.Leads;

/// <summary>
/// A change to a lead as an API caller sends it: every core field (<see cref="Core"/>), and only the mapped extra fields
/// named in <see cref="Fields"/> (typed JSON by Zoho API name; a null clears one). <see cref="LeadCommands"/> applies it
/// to the lead as it reads it inside its write, so a pull or an edit that lands meanwhile keeps the extra values it set
/// and this patch did not name. Refusals of an extra value name the field <c>fields.ApiName</c>.
/// </summary>
public sealed record LeadPatch(LeadFields Core, IReadOnlyDictionary<string, JsonElement>? Fields = null)
{
    /// <summary>How a refusal names an extra field of <see cref="Fields"/>: <c>fields.</c> and its API name.</summary>
    public const string FieldPrefix = "fields.";
}
