namespace LeadSync.ZohoSandbox;

/// <summary>
/// The lead fields one input record sets (api name → value; a null value clears the field), plus the id when the
/// record carries one and the first type error met while reading it.
/// </summary>
public sealed record SandboxLeadPatch(IReadOnlyDictionary<string, string?> Values)
{
    public string? Id { get; init; }

    public SandboxRecordError? ReadError { get; init; }

    /// <summary>
    /// The record's other keys (API name → JSON value; a JSON null clears the field), checked against the field metadata
    /// when the lead is built. The values of a record API call point into its request's document
    /// (<see cref="SandboxWriteRequest"/>), which lives until the write has been answered.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement> Extras { get; init; } = NoExtras;

    private static readonly Dictionary<string, System.Text.Json.JsonElement> NoExtras = new(StringComparer.Ordinal);

    public bool Has(string apiName) => Values.ContainsKey(apiName);

    public string? Get(string apiName, string? current) => Values.TryGetValue(apiName, out var value) ? value : current;

    /// <summary>A patch from the sandbox page's form (every field given).</summary>
    public static SandboxLeadPatch FromInput(SandboxLeadInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new SandboxLeadPatch(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [SandboxLeadFields.FirstName] = Clean(input.FirstName),
            [SandboxLeadFields.LastName] = Clean(input.LastName),
            [SandboxLeadFields.Email] = Clean(input.Email),
            [SandboxLeadFields.Phone] = Clean(input.Phone),
            [SandboxLeadFields.LeadStatus] = Clean(input.LeadStatus),
            [SandboxLeadFields.Company] = Clean(input.Company),
        });
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
