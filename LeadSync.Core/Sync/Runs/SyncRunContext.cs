using System.Diagnostics;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Sync.Runs;

/// <summary>
/// A run in progress: its tallies (thread-safe) and the Zoho calls made on its behalf, which the call observer
/// attributes through <see cref="Current"/> (an AsyncLocal that flows into every call the run makes). Making a run
/// current also makes its root span (<see cref="Activity"/>) the current activity, so the spans and log lines of the
/// work done for it belong to the run's trace.
/// </summary>
public sealed class SyncRunContext(Guid runId, SyncRunKind kind, SyncTrigger trigger)
{
    private static readonly AsyncLocal<SyncRunContext?> CurrentRun = new();

    private int created;
    private int updated;
    private int deleted;
    private int unchanged;
    private int conflicts;
    private int failed;
    private int apiCalls;
    private int credits;
    private int processed;

    public static SyncRunContext? Current
    {
        get => CurrentRun.Value;
        set
        {
            CurrentRun.Value = value;
            if (value?.Activity is { } activity)
            {
                System.Diagnostics.Activity.Current = activity;
            }
        }
    }

    /// <summary>The run's root span, when traces are collected (see <see cref="Diagnostics.SyncTelemetry"/>).</summary>
    public Activity? Activity { get; init; }

    /// <summary>When the run started (a <see cref="Stopwatch"/> timestamp), for its duration metric.</summary>
    public long StartedTimestamp { get; } = Stopwatch.GetTimestamp();

    public Guid RunId { get; } = runId;

    public SyncRunKind Kind { get; } = kind;

    public SyncTrigger Trigger { get; } = trigger;

    public int Processed => Volatile.Read(ref processed);

    public void AddCreated(int n = 1) => Interlocked.Add(ref created, n);

    public void AddUpdated(int n = 1) => Interlocked.Add(ref updated, n);

    public void AddDeleted(int n = 1) => Interlocked.Add(ref deleted, n);

    public void AddUnchanged(int n = 1) => Interlocked.Add(ref unchanged, n);

    public void AddConflicts(int n = 1) => Interlocked.Add(ref conflicts, n);

    public void AddFailed(int n = 1) => Interlocked.Add(ref failed, n);

    public void AddProcessed(int n) => Interlocked.Add(ref processed, n);

    public void AddCall(int callCredits)
    {
        Interlocked.Increment(ref apiCalls);
        Interlocked.Add(ref credits, callCredits);
    }

    public SyncRunCounts Counts => new(
        Volatile.Read(ref created), Volatile.Read(ref updated), Volatile.Read(ref deleted), Volatile.Read(ref unchanged),
        Volatile.Read(ref conflicts), Volatile.Read(ref failed), Volatile.Read(ref apiCalls), Volatile.Read(ref credits));
}
