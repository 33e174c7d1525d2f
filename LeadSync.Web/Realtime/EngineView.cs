using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// The engine indicator's content: state, leads in flight, last pull, queue depth, detail, other busy instances and,
/// while rate limited, how long until the engine calls Zoho again.
/// </summary>
public sealed record EngineView(
    EngineState State,
    int PushingCount,
    DateTimeOffset? LastPullAt,
    int PendingCount,
    string? Detail,
    int OtherInstances,
    TimeSpan? RetryIn = null)
{
    public static EngineView Unknown { get; } = new(EngineState.Idle, 0, null, 0, null, 0);

    /// <summary>The indicator's label: Idle, Pulling, Pushing N, Rate-limited, Budget spent, Unauthorized, Error.</summary>
    public string Label => State switch
    {
        EngineState.Pushing => $"Pushing {PushingCount:N0}",
        EngineState.RateLimited when RetryIn is { } wait && wait > TimeSpan.Zero => $"Rate-limited · retry in {Math.Ceiling(wait.TotalSeconds):0} s",
        EngineState.RateLimited => "Rate-limited · retrying",
        EngineState.BudgetSpent => "Budget spent",
        _ => State.ToString(),
    };
}
