using System.ComponentModel.DataAnnotations;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The <c>Sandbox:Bulk</c> section: Zoho's Bulk API limits (§6; each can be lowered so tests stay small) and the pace at
/// which the sandbox moves a job from one state to the next.
/// </summary>
public sealed class SandboxBulkOptions
{
    /// <summary>Time between two steps of a job (ADDED → QUEUED → IN PROGRESS → COMPLETED), in milliseconds.</summary>
    [Range(1, 600_000)]
    public int StepMilliseconds { get; set; } = 1000;

    /// <summary>Largest upload, in bytes (§6.2: 25 MB).</summary>
    [Range(1, int.MaxValue)]
    public int MaxUploadBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Most data rows in an uploaded CSV (§6.2: 25,000).</summary>
    [Range(1, 10_000_000)]
    public int MaxUploadRows { get; set; } = 25_000;

    /// <summary>Most columns in an uploaded CSV (§6.2: 200).</summary>
    [Range(1, 10_000)]
    public int MaxUploadColumns { get; set; } = 200;

    /// <summary>Records per Bulk Read page (§6.1: 200,000).</summary>
    [Range(1, 10_000_000)]
    public int ReadPageSize { get; set; } = 200_000;

    /// <summary>Bulk Read result downloads allowed per rolling minute (§6.1: 10).</summary>
    [Range(1, 100_000)]
    public int DownloadsPerMinute { get; set; } = 10;

    /// <summary>Credits a Bulk Write job costs (§4.2: 500).</summary>
    [Range(0, 100_000)]
    public int WriteJobCredits { get; set; } = 500;

    /// <summary>Credits a Bulk Read job costs (§4.2: 50).</summary>
    [Range(0, 100_000)]
    public int ReadJobCredits { get; set; } = 50;
}
