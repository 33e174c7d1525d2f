namespace LeadSync.ZohoSandbox;

/// <summary>The fault injector's current values (see <see cref="SandboxFaultOptions"/> for their meaning).</summary>
public sealed record SandboxFaultSettings
{
    public int LatencyMs { get; init; }

    public double TooManyRequestsRate { get; init; }

    public double ServerErrorRate { get; init; }

    public double DropResponseRate { get; init; }

    /// <summary>Lifetime of newly minted access tokens, in seconds.</summary>
    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    public int MaxConcurrentCalls { get; init; } = 20;

    /// <summary>Lead_Status the workflow rule sets about <see cref="WorkflowDelayMs"/> after a write; null turns the rule off.</summary>
    public string? WorkflowLeadStatus { get; init; }

    public int WorkflowDelayMs { get; init; } = 1000;

    /// <summary>Share (0–1) of Bulk jobs that fail (state FAILED, nothing applied) when they would start processing (§6).</summary>
    public double BulkJobFailureRate { get; init; }

    /// <summary>Share (0–1) of Bulk job callbacks that are lost: the job finishes, the callback is never sent.</summary>
    public double BulkCallbackLossRate { get; init; }

    /// <summary>How many of the next Bulk result downloads fail with <see cref="BulkDownloadFailureStatus"/>.</summary>
    public int BulkDownloadFailures { get; init; }

    /// <summary>The status of a failed result download: 500 (INTERNAL_ERROR) or 404 (the file is not there).</summary>
    public int BulkDownloadFailureStatus { get; init; } = 500;
}
