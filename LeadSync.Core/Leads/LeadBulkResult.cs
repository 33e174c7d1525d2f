namespace LeadSync.Core.Leads;

/// <summary>What a bulk action did: how many leads it changed and how many were already gone.</summary>
public sealed record LeadBulkResult(int Succeeded, int NotFound);
