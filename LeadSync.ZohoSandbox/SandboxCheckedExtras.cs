using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// One record's extra values checked against the field metadata ahead of the write (<see cref="SandboxExtraFields.Check"/>):
/// the fields as the check saw them, in their order, and per field (same position; empty when the record sends no
/// extra value) whether the record sends it, its JSON text (null: clear it) or the error refusing it.
/// </summary>
internal sealed record SandboxCheckedExtras(IReadOnlyList<ZohoFieldDefinition> Fields, SandboxCheckedValue[] Values)
{
    public static readonly SandboxCheckedValue[] NoValues = [];

    /// <summary>What the record sends for the field at <paramref name="index"/> of <see cref="Fields"/>.</summary>
    public SandboxCheckedValue this[int index] => Values.Length == 0 ? default : Values[index];
}

/// <summary>One field's value as a record sends it: <see cref="Sent"/> false when the record does not name the field.</summary>
internal readonly record struct SandboxCheckedValue(bool Sent, string? Json, SandboxRecordError? Error);
