namespace LeadSync.Core.Sync;

/// <summary>What resolving the conflicts of a selection did: leads settled, leads that failed (first reason), the last run.</summary>
public sealed record BulkResolveResult(int Resolved, int Failed, string? FirstError, Guid? LastRunId);
