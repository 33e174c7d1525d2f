namespace LeadSync.Core.Outbox;

/// <summary>Nudges the push worker after a change committed; the outbox row itself is the durable part.</summary>
public interface IPushScheduler
{
    void SchedulePush();
}
