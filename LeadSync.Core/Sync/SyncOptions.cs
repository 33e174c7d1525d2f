using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync.Merge;

namespace LeadSync.Core.Sync;

/// <summary>The <c>Sync</c> section: schedules, retries, conflict and delete policies of the two-way sync engine.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// How many leads an "all matching" action reads and deals with at a time (<see cref="Leads.Selection.LeadSelectionReader"/>):
    /// the most lead ids it holds at once, whatever the selection's size.
    /// </summary>
    [Range(1, 100_000)]
    public int SelectionChunk { get; set; } = 1_000;

    /// <summary>Records per Zoho write call (Zoho's maximum is 100, §2.4).</summary>
    public const int BatchSize = 100;

    /// <summary>How often the outbox sweep picks up due entries (after restarts, backoffs, lost nudges).</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the scheduled pull runs; <c>00:00:00</c> turns the scheduled pull off (manual and webhook pulls still run).</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far before the watermark a pull re-reads (Modified_Time has one-second resolution, §7.10).</summary>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan PullOverlap { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a lone change may wait for company before it is pushed: fewer than a batch's worth of due entries are
    /// claimed only once the oldest has waited this long, so a trickle of edits leaves in full batches (one call per
    /// up to 100 records) and a lone edit still leaves within this delay. <c>00:00:00</c> pushes at once.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:00:10")]
    public TimeSpan PushLinger { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed outbox entry belongs to the instance that claimed it.</summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first retry delay; each attempt doubles it, up to <see cref="RetryMaxDelay"/>; each wait is between half of that and all of it (<see cref="Backoff"/>).</summary>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many attempts ending in a record error (Zoho refused the values) the entry is dead-lettered.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 8;

    public ConflictPolicy ConflictPolicy { get; set; } = ConflictPolicy.ZohoWins;

    public PropagateDeletesOptions PropagateDeletes { get; set; } = new();

    /// <summary>Sync runs, per-lead history, resolved conflicts and pull errors older than this are removed daily.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Push batches worked on at once per instance; defaults to twice <c>Zoho:MaxConcurrency</c> (20 when unset), so
    /// that while that many calls wait on Zoho the other batches are claimed and their results applied, and the
    /// Zoho client's limiter — not the database work between calls — decides how many calls are in flight.
    /// </summary>
    [Range(1, 100)]
    public int? MaxParallelBatches { get; set; }

    /// <summary>
    /// Above this many due first pushes (leads never linked to Zoho) a drain sends them through Zoho's Bulk Write API
    /// (500 credits per file of up to 25,000 rows, docs/zoho §6.2) instead of the record API (1 credit per 10 records).
    /// </summary>
    [Range(100, 10_000_000)]
    public int BulkWriteThreshold { get; set; } = 2_000;

    /// <summary>How often a bulk job in flight is polled (a callback from Zoho wakes it sooner).</summary>
    [TimeSpanRange("00:00:00.050", "00:10:00")]
    public TimeSpan BulkWritePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bulk Write jobs of one push in flight at once (each a file of up to 25,000 rows).</summary>
    [Range(1, 10)]
    public int BulkWriteParallelJobs { get; set; } = 3;

    /// <summary>How long the outbox entries of a bulk job are held for it; a restarted instance resumes the job within this.</summary>
    [TimeSpanRange("00:01:00", "2.00:00:00")]
    public TimeSpan BulkWriteJobLease { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a job whose create call lost its answer waits for Zoho's callback before its rows are treated as lost
    /// creates (looked up by email, then upserted by email) — see docs/zoho §6.5.
    /// </summary>
    [TimeSpanRange("00:00:01", "7.00:00:00")]
    public TimeSpan BulkWriteUnknownAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>While Zoho refuses our credentials, how often a cheap token check probes whether they work again.</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan AuthProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A pull that would read more than this many changed records reads them with a Bulk Read job (§6.1: 50 credits per
    /// 200,000) instead of record-API pages (1 credit per 200). Ten thousand is where the two cost the same.
    /// </summary>
    [Range(1, 100_000_000)]
    public int BulkReadThreshold { get; set; } = 10_000;

    /// <summary>How often a Bulk Read job in progress is asked for its state (a job is free to follow).</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan BulkReadPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>This instance's name in outbox claims; defaults to machine, process and a random suffix.</summary>
    [MaxLength(200)]
    public string? InstanceId { get; set; }
}
