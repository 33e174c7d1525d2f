namespace LeadSync.ZohoSandbox;

/// <summary>The sandbox page's editable copy of <see cref="SandboxFaultSettings"/>.</summary>
public sealed class SandboxFaultEdit
{
    public int LatencyMs { get; set; }

    public double TooManyRequestsRate { get; set; }

    public double ServerErrorRate { get; set; }

    public double DropResponseRate { get; set; }

    public int AccessTokenLifetimeSeconds { get; set; }

    public int MaxConcurrentCalls { get; set; }

    public string? WorkflowLeadStatus { get; set; }

    public int WorkflowDelayMs { get; set; }

    public double BulkJobFailureRate { get; set; }

    public double BulkCallbackLossRate { get; set; }

    public int BulkDownloadFailures { get; set; }

    public int BulkDownloadFailureStatus { get; set; } = 500;

    public static SandboxFaultEdit From(SandboxFaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SandboxFaultEdit
        {
            LatencyMs = settings.LatencyMs,
            TooManyRequestsRate = settings.TooManyRequestsRate,
            ServerErrorRate = settings.ServerErrorRate,
            DropResponseRate = settings.DropResponseRate,
            AccessTokenLifetimeSeconds = settings.AccessTokenLifetimeSeconds,
            MaxConcurrentCalls = settings.MaxConcurrentCalls,
            WorkflowLeadStatus = settings.WorkflowLeadStatus,
            WorkflowDelayMs = settings.WorkflowDelayMs,
            BulkJobFailureRate = settings.BulkJobFailureRate,
            BulkCallbackLossRate = settings.BulkCallbackLossRate,
            BulkDownloadFailures = settings.BulkDownloadFailures,
            BulkDownloadFailureStatus = settings.BulkDownloadFailureStatus,
        };
    }

    public SandboxFaultSettings ToSettings() => new()
    {
        LatencyMs = LatencyMs,
        TooManyRequestsRate = TooManyRequestsRate,
        ServerErrorRate = ServerErrorRate,
        DropResponseRate = DropResponseRate,
        AccessTokenLifetimeSeconds = AccessTokenLifetimeSeconds,
        MaxConcurrentCalls = MaxConcurrentCalls,
        WorkflowLeadStatus = string.IsNullOrWhiteSpace(WorkflowLeadStatus) ? null : WorkflowLeadStatus.Trim(),
        WorkflowDelayMs = WorkflowDelayMs,
        BulkJobFailureRate = BulkJobFailureRate,
        BulkCallbackLossRate = BulkCallbackLossRate,
        BulkDownloadFailures = BulkDownloadFailures,
        BulkDownloadFailureStatus = BulkDownloadFailureStatus,
    };
}
