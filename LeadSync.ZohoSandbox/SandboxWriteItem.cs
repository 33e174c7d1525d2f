namespace LeadSync.ZohoSandbox;

/// <summary>One record's outcome of a write (§2.4–§2.7): the lead written (or deleted id) and upsert action, or an error.</summary>
public sealed record SandboxWriteItem
{
    public SandboxLead? Lead { get; init; }

    /// <summary><c>insert</c>, <c>update</c> or <c>delete</c>.</summary>
    public string? Action { get; init; }

    /// <summary>The field an upsert matched on (null for inserts).</summary>
    public string? DuplicateField { get; init; }

    public long? DeletedId { get; init; }

    public SandboxRecordError? Error { get; init; }

    public bool Succeeded => Error is null;

    public static SandboxWriteItem Failed(SandboxRecordError error) => new() { Error = error };
}
