namespace LeadSync.Core.Sync.Events;

/// <summary>
/// How far a bulk push (Bulk Write, docs/zoho §6.2) has got: rows chosen, uploaded to Zoho, applied back here (of which
/// failed), the jobs, and the state Zoho last reported for the job furthest behind.
/// </summary>
public sealed record BulkWriteProgress(int Rows, int Uploaded, int Applied, int Failed, int Jobs, string? ZohoState);
