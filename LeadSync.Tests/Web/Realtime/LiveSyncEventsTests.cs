using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadSync.Tests.Web.Realtime;

/// <summary>The console's one subscription to Core's event bus (<see cref="LiveSyncEvents"/>, a <see cref="SyncEventConsumer"/>).</summary>
public sealed class LiveSyncEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact] // the suite on a busy machine: .NET 10 runs ExecuteAsync on the pool, and a page's first engine event was lost
    public async Task An_event_published_as_soon_as_the_host_has_started_it_reaches_the_subscribers()
    {
        var bus = new SyncEventBus([]);
        using var live = new LiveSyncEvents(bus, new LiveRunTracker(), NullLogger<LiveSyncEvents>.Instance);
        var received = new TaskCompletionSource<SyncEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = live.Subscribe(e => received.TrySetResult(e));
        await live.StartAsync(Ct);

        var sent = new EngineStateChanged(DateTimeOffset.UtcNow, "here", EngineState.Pulling, 0, null, 0, null);
        bus.Publish(sent);

        Assert.Same(sent, await received.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await live.StopAsync(Ct);
    }

    [Fact]
    public async Task Stopping_ends_the_subscription_to_the_bus()
    {
        var bus = new SyncEventBus([]);
        using var live = new LiveSyncEvents(bus, new LiveRunTracker(), NullLogger<LiveSyncEvents>.Instance);
        var count = 0;
        using var subscription = live.Subscribe(_ => Interlocked.Increment(ref count));
        await live.StartAsync(Ct);
        bus.Publish(new EngineStateChanged(DateTimeOffset.UtcNow, "here", EngineState.Pulling, 0, null, 0, null));
        await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref count)), c => c == 1, "the first event arrived", TimeSpan.FromSeconds(10));

        await live.StopAsync(Ct);
        bus.Publish(new EngineStateChanged(DateTimeOffset.UtcNow, "here", EngineState.Idle, 0, null, 0, null));
        await Task.Delay(200, Ct);

        Assert.Equal(1, Volatile.Read(ref count));
    }
}
