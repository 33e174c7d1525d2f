namespace LeadSync.Core.Outbox;

/// <summary>What a push batch met: an outcome per record handled, and why the drain must stop, if it must (credentials refused).</summary>
public sealed record PushBatchResult(List<PushOutcome> Outcomes, string? StopReason);
