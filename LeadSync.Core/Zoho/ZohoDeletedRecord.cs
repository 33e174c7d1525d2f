namespace LeadSync.Core.Zoho;

/// <summary>
/// An entry of the deleted-records list (§2.8): <c>type</c> is <c>recycle</c> or <c>permanent</c>; a recycle-bin entry
/// names the record as Zoho shows it (<c>display_name</c>, a lead's full name), a permanent one does not.
/// </summary>
public sealed record ZohoDeletedRecord(string Id, string Type, DateTimeOffset? DeletedTime, string? DisplayName = null);
