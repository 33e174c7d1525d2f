namespace LeadSync.Core.Sync;

/// <summary>One field changed on both sides; <see cref="Resolution"/> is <c>Local</c>, <c>Zoho</c> or <c>Pending</c>.</summary>
public sealed record FieldConflict(string Field, string? BaseValue, string? LocalValue, string? ZohoValue, string Resolution);
