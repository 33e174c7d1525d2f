namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>What a person asks an import to do: the file as uploaded, how its columns map, what an existing email means, and who asks.</summary>
public sealed record ImportRequest(byte[] Content, string FileName, ImportMapping Mapping, ExistingEmailPolicy ExistingEmail, string CreatedBy);
