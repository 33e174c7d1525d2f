using System.ComponentModel.DataAnnotations;

namespace LeadSync.ZohoSandbox;

/// <summary>The <c>Sandbox:Faults</c> section: the start values of the fault injector (changeable at run time).</summary>
public sealed class SandboxFaultOptions
{
    /// <summary>Delay added to every API call, in milliseconds.</summary>
    [Range(0, 600_000)]
    public int LatencyMs { get; set; }

    /// <summary>Share (0–1) of API calls answered 429 TOO_MANY_REQUESTS.</summary>
    [Range(0.0, 1.0)]
    public double TooManyRequestsRate { get; set; }

    /// <summary>Share (0–1) of API calls answered 500 INTERNAL_ERROR.</summary>
    [Range(0.0, 1.0)]
    public double ServerErrorRate { get; set; }

    /// <summary>Share (0–1) of writes whose response is dropped (connection aborted) after the write was applied.</summary>
    [Range(0.0, 1.0)]
    public double DropResponseRate { get; set; }

    /// <summary>When set, a write that does not suppress workflows is followed by a workflow field update setting Lead_Status to this value.</summary>
    public string? WorkflowLeadStatus { get; set; }

    /// <summary>Delay of the workflow field update after the write, in milliseconds.</summary>
    [Range(0, 600_000)]
    public int WorkflowDelayMs { get; set; } = 1000;

    /// <summary>Share (0–1) of Bulk jobs that fail instead of being processed.</summary>
    [Range(0.0, 1.0)]
    public double BulkJobFailureRate { get; set; }

    /// <summary>Share (0–1) of Bulk job callbacks that are never sent.</summary>
    [Range(0.0, 1.0)]
    public double BulkCallbackLossRate { get; set; }

    /// <summary>Seed of the random draws (null: unseeded).</summary>
    public int? Seed { get; set; }
}
