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
}
