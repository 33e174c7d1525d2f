namespace LeadSync.ZohoSandbox;

/// <summary>What the sandbox knows of an uploaded Bulk Write file (§6.2): its id, its CSV's column names and its row count.</summary>
internal sealed record SandboxUploadedFile(long FileId, string Name, IReadOnlyList<string> Columns, int Rows);
