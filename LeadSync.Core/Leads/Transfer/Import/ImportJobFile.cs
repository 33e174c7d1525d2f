namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The uploaded bytes of an <see cref="ImportJob"/>, kept apart from the job so listing jobs never reads them, and
/// deleted when the job ends (the leads it made and its refusals are what stays).
/// </summary>
public sealed class ImportJobFile
{
    public Guid JobId { get; set; }

    public byte[] Content { get; set; } = [];
}
