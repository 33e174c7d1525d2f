using LeadSync.Core.Outbox;

namespace LeadSync.Tests.Infrastructure;

/// <summary>Counts the nudges Core gives the push worker (the outbox rows themselves are checked in the database).</summary>
public sealed class RecordingPushScheduler : IPushScheduler
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void SchedulePush() => Interlocked.Increment(ref count);
}
