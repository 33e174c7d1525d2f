namespace LeadSync.Core.Zoho;

/// <summary>An entry of the deleted-records list (§2.8): <c>type</c> is <c>recycle</c> or <c>permanent</c>.</summary>
public sealed record ZohoDeletedRecord(string Id, string Type, DateTimeOffset? DeletedTime);
