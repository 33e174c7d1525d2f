using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// Running runs and the last finished ones, kept from the sync events (singleton, thread-safe). A component that starts
/// a run learns its id only after RunStarted went out, so it looks the run up here instead of waiting for events.
/// </summary>
public sealed class LiveRunTracker
{
    private const int FinishedKept = 200;
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, LiveRun> running = [];
    private readonly Dictionary<Guid, LiveRun> finished = [];
    private readonly Queue<Guid> finishedOrder = new();

    /// <summary>Runs in progress on any instance, oldest first.</summary>
    public IReadOnlyList<LiveRun> Running
    {
        get
        {
            lock (gate)
            {
                return [.. running.Values.OrderBy(r => r.StartedAt)];
            }
        }
    }

    public LiveRun? Find(Guid runId)
    {
        lock (gate)
        {
            return running.GetValueOrDefault(runId) ?? finished.GetValueOrDefault(runId);
        }
    }

    public void Apply(SyncEvent syncEvent)
    {
        lock (gate)
        {
            switch (syncEvent)
            {
                case RunStarted started when !finished.ContainsKey(started.RunId):
                    running[started.RunId] = new LiveRun(started.RunId, started.Kind, started.InstanceId, started.At, 0, null, false, null, started.Trigger);
                    break;
                case RunProgress progress when !finished.ContainsKey(progress.RunId):
                    running[progress.RunId] = running.TryGetValue(progress.RunId, out var run)
                        ? run with { Processed = progress.Processed, Counts = progress.Counts, Bulk = progress.Bulk ?? run.Bulk }
                        : new LiveRun(progress.RunId, progress.Kind, progress.InstanceId, progress.At, progress.Processed, progress.Counts, false, null) { Bulk = progress.Bulk };
                    break;
                case RunFinished done:
                    running.Remove(done.RunId, out var before);
                    var processed = done.Counts.Created + done.Counts.Updated + done.Counts.Deleted + done.Counts.Unchanged
                        + done.Counts.Conflicts + done.Counts.Failed;
                    finished[done.RunId] = new LiveRun(
                        done.RunId, done.Kind, done.InstanceId, before?.StartedAt ?? done.At, Math.Max(processed, before?.Processed ?? 0),
                        done.Counts, true, done.Error, before?.Trigger);
                    finishedOrder.Enqueue(done.RunId);
                    while (finishedOrder.Count > FinishedKept)
                    {
                        finished.Remove(finishedOrder.Dequeue());
                    }

                    break;
            }
        }
    }
}
