namespace LeadSync.ZohoSandbox;

/// <summary>What one call writes: leads inserted or replaced, and leads deleted. Saved in one transaction.</summary>
public sealed record SandboxChangeSet(IReadOnlyList<SandboxLead> Saved, IReadOnlyList<SandboxDeletedLead> Deleted)
{
    public bool IsEmpty => Saved.Count == 0 && Deleted.Count == 0;
}
