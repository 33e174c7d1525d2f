using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// One record's extra values checked against the field metadata ahead of the write (<see cref="SandboxExtraFields.Check"/>):
/// the fields as the check saw them, in their order, and per field the record sends its JSON text (null: clear it) or
/// the error refusing it.
/// </summary>
internal sealed record SandboxCheckedExtras(
    IReadOnlyList<ZohoFieldDefinition> Fields,
    IReadOnlyDictionary<string, (string? Json, SandboxRecordError? Error)> Values)
{
    public static readonly IReadOnlyDictionary<string, (string? Json, SandboxRecordError? Error)> NoValues =
        new Dictionary<string, (string? Json, SandboxRecordError? Error)>(StringComparer.Ordinal);
}
