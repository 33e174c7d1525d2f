namespace LeadSync.Core.Outbox;

/// <summary>
/// Nudges the drain again when a lingering partial batch becomes claimable (<see cref="SyncOptions.PushLinger"/>), so a
/// lone edit leaves within the linger instead of waiting for the next sweep. Keeps one timer, for the earliest time asked.
/// </summary>
public sealed class LingerNudge(IPushScheduler scheduler, TimeProvider clock) : IDisposable
{
    private readonly Lock gate = new();
    private ITimer? timer;
    private DateTimeOffset due = DateTimeOffset.MaxValue;

    /// <summary>Makes sure a drain is nudged at <paramref name="at"/> (or earlier, if a nudge is already set for then).</summary>
    public void NudgeAt(DateTimeOffset at)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (timer is not null && due <= at && due > now)
            {
                return;
            }

            timer?.Dispose();
            due = at;
            var wait = at - now;
            timer = clock.CreateTimer(_ => scheduler.SchedulePush(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
        }
    }
}
