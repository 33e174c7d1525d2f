namespace LeadSync.ZohoSandbox;

/// <summary>A partial change of the fault settings (null keeps a value; <see cref="ClearWorkflow"/> turns the workflow rule off).</summary>
public sealed record SandboxFaultPatch
{
    public int? LatencyMs { get; init; }

    public double? TooManyRequestsRate { get; init; }

    public double? ServerErrorRate { get; init; }

    public double? DropResponseRate { get; init; }

    public int? AccessTokenLifetimeSeconds { get; init; }

    public int? MaxConcurrentCalls { get; init; }

    public string? WorkflowLeadStatus { get; init; }

    public bool? ClearWorkflow { get; init; }

    public int? WorkflowDelayMs { get; init; }

    public double? BulkJobFailureRate { get; init; }

    public double? BulkCallbackLossRate { get; init; }

    public int? BulkDownloadFailures { get; init; }

    public int? BulkDownloadFailureStatus { get; init; }

    /// <summary>Re-seeds the random draws.</summary>
    public int? Seed { get; init; }
}
