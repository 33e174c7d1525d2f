using System.Collections.Concurrent;

namespace LeadSync.Core.Jobs;

/// <summary>
/// Lets jobs scheduled every second run at any configured interval (Coravel's fixed intervals stop at 59 s):
/// <see cref="IsDue"/> is true once per interval per name.
/// </summary>
public sealed class SyncClock(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> next = new(StringComparer.Ordinal);

    public bool IsDue(string name, TimeSpan interval, bool runAtStart = false)
    {
        if (interval <= TimeSpan.Zero)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var due = next.GetOrAdd(name, _ => runAtStart ? now : now + interval);
        if (now < due)
        {
            return false;
        }

        next[name] = now + interval;
        return true;
    }
}
