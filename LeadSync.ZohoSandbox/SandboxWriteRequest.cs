using System.Text.Json;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A parsed write body (§2.4–§2.6): the records, whether workflows run (<c>trigger</c>), and upsert's duplicate-check
/// fields. It owns the parsed document its records' extra values point into: dispose it once the write is answered.
/// </summary>
internal sealed record SandboxWriteRequest(IReadOnlyList<SandboxLeadPatch> Records, bool RunWorkflows, IReadOnlyList<string> DuplicateCheckFields)
    : IDisposable
{
    public JsonDocument? Body { get; init; }

    public void Dispose() => Body?.Dispose();
}
