using System.Collections.Concurrent;

namespace LeadSync.Core.Jobs;

/// <summary>
/// Lets jobs scheduled every second run at any configured interval (Coravel's fixed intervals stop at 59 s):
/// <see cref="IsDue"/> is true once per interval per name. The interval is taken at each call, measured from the last
/// run, so a changed interval (Settings page) applies at the next tick.
/// </summary>
public sealed class SyncClock(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> last = new(StringComparer.Ordinal);

    public bool IsDue(string name, TimeSpan interval, bool runAtStart = false)
    {
        if (interval <= TimeSpan.Zero)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (!last.TryGetValue(name, out var previous))
        {
            last[name] = now;
            return runAtStart;
        }

        if (now < previous + interval)
        {
            return false;
        }

        last[name] = now;
        return true;
    }
}
