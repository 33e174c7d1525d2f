namespace LeadSync.Core.Conflicts;

/// <summary>
/// One held field: LeadSync's current value, Zoho's value and the last value both sides agreed on (the merge base).
/// </summary>
public sealed record ConflictFieldView(long ConflictId, string Field, string? LocalValue, string? ZohoValue, string? AgreedValue);
