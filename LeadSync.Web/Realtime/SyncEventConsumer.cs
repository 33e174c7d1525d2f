using System.Threading.Channels;
using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// A background service that reads Core's <see cref="SyncEventBus"/> from the moment the host starts it. Since .NET 10
/// a <see cref="BackgroundService"/> runs all of <c>ExecuteAsync</c> on the thread pool, so a subscription taken there
/// misses whatever is published between the host's start and the pool getting round to it — on a busy machine, a page's
/// first engine event. The subscription is therefore taken in <see cref="StartAsync"/>, before the host goes on, and
/// handed to <see cref="ConsumeAsync"/>.
/// </summary>
public abstract class SyncEventConsumer(SyncEventBus bus) : BackgroundService
{
    private SyncEventSubscription? subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        subscription ??= bus.Subscribe();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        Interlocked.Exchange(ref subscription, null)?.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads <paramref name="events"/> until <paramref name="stoppingToken"/> is cancelled.</summary>
    protected abstract Task ConsumeAsync(ChannelReader<SyncEvent> events, CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var events = Interlocked.Exchange(ref subscription, null) ?? bus.Subscribe();
        await ConsumeAsync(events.Reader, stoppingToken);
    }
}
