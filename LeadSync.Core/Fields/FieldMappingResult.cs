namespace LeadSync.Core.Fields;

/// <summary>A stored mapping change: what it does, and the sync run of its backfill (null when none was needed).</summary>
public sealed record FieldMappingResult(FieldMappingPlan Plan, Guid? BackfillRunId);
