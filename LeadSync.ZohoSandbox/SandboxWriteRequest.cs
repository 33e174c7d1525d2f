namespace LeadSync.ZohoSandbox;

/// <summary>A parsed write body (§2.4–§2.6): the records, whether workflows run (<c>trigger</c>), and upsert's duplicate-check fields.</summary>
internal sealed record SandboxWriteRequest(IReadOnlyList<SandboxLeadPatch> Records, bool RunWorkflows, IReadOnlyList<string> DuplicateCheckFields);
