using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// What the app bar's engine indicator shows, across every LeadSync instance on the database: this instance's state
/// (re-read from <see cref="SyncService.GetOverviewAsync"/> on subscribe) plus busy or troubled states relayed from other
/// instances in the last <see cref="RemoteStaleAfter"/>. The most pressing state wins; pushing counts add up.
/// </summary>
public sealed class EngineStatusBoard(string localInstanceId, TimeProvider clock)
{
    public static readonly TimeSpan RemoteStaleAfter = TimeSpan.FromMinutes(2);

    private readonly Lock gate = new();
    private readonly Dictionary<string, EngineStateChanged> states = new(StringComparer.Ordinal);

    /// <summary>The combined view; Idle until something is known.</summary>
    public EngineView Current
    {
        get
        {
            lock (gate)
            {
                var now = clock.GetUtcNow();
                var live = states.Values
                    .Where(s => s.InstanceId == localInstanceId || (s.State != EngineState.Idle && now - s.At < RemoteStaleAfter))
                    .ToList();
                if (live.Count == 0)
                {
                    return EngineView.Unknown;
                }

                var top = live.OrderBy(s => Rank(s.State)).First();
                var local = states.GetValueOrDefault(localInstanceId);
                return new EngineView(
                    top.State,
                    live.Where(s => s.State == EngineState.Pushing || s.PushingCount > 0).Sum(s => s.PushingCount),
                    live.Max(s => s.LastPullAt),
                    local?.PendingCount ?? live.Max(s => s.PendingCount),
                    top.Detail,
                    live.Count(s => s.InstanceId != localInstanceId),
                    top.State == EngineState.RateLimited ? top.RetryAt - now : null);
            }
        }
    }

    /// <summary>
    /// Takes this instance's state as Core reported it in a read begun at <paramref name="readAt"/> (on subscribe,
    /// reconnect and recheck) — unless an event since then told a newer state: a read that ends after the engine moved
    /// on must not set the indicator back.
    /// </summary>
    public void Reset(SyncOverview status, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (gate)
        {
            if (states.TryGetValue(localInstanceId, out var known) && known.At > readAt)
            {
                return;
            }

            states[localInstanceId] = new EngineStateChanged(
                readAt, localInstanceId, status.State, status.PushingCount, status.LastPullAt, status.QueueDepth, status.Detail, status.RetryAt);
        }
    }

    /// <summary>Applies an engine event; returns true when it was one.</summary>
    public bool Apply(SyncEvent syncEvent)
    {
        if (syncEvent is not EngineStateChanged changed)
        {
            return false;
        }

        lock (gate)
        {
            if (!states.TryGetValue(changed.InstanceId, out var known) || known.At <= changed.At)
            {
                states[changed.InstanceId] = changed;
            }
        }

        return true;
    }

    private static int Rank(EngineState state) => state switch
    {
        EngineState.Unauthorized => 0,
        EngineState.RateLimited or EngineState.BudgetSpent => 1,
        EngineState.Error => 2,
        EngineState.Pushing => 3,
        EngineState.Pulling => 4,
        _ => 5,
    };
}
