using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeadSync.Tests.Web.Realtime;

/// <summary>Two "instances" (bus + relay + listener each) on one real PostgreSQL server, talking over LISTEN/NOTIFY.</summary>
public sealed class PostgresEventRelayTests : IAsyncLifetime
{
    private readonly string channel = "leadsync_events_" + Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource stop = new();
    private NpgsqlDataSource dataSource = default!;
    private Instance a = default!;
    private Instance b = default!;

    public async ValueTask InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(PostgresServer.AdminConnectionString);
        a = await StartAsync("instance-a");
        b = await StartAsync("instance-b");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var instance in new[] { a, b })
        {
            await instance.Relay.StopAsync(CancellationToken.None);
            await instance.Listener.StopAsync(CancellationToken.None);
            instance.Subscription.Dispose();
        }

        await dataSource.DisposeAsync();
        stop.Dispose();
    }

    private async Task<Instance> StartAsync(string id)
    {
        var options = Options.Create(new PostgresEventOptions { Channel = channel, ReconnectDelay = TimeSpan.FromMilliseconds(200) });
        var instance = new SyncInstance(Options.Create(new SyncOptions { InstanceId = id }));
        var relay = new PostgresEventRelay(dataSource, options, instance, NullLogger<PostgresEventRelay>.Instance);
        var bus = new SyncEventBus([relay]);
        var listener = new PostgresEventListener(dataSource, bus, options, instance, TimeProvider.System, NullLogger<PostgresEventListener>.Instance);
        var subscription = bus.Subscribe();
        await relay.StartAsync(stop.Token);
        await listener.StartAsync(stop.Token);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(15), Xunit.TestContext.Current.CancellationToken);
        return new Instance(bus, relay, listener, subscription);
    }

    private static async Task<SyncEvent> NextAsync(Instance instance) =>
        await instance.Subscription.Reader.ReadAsync(Xunit.TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    [Fact]
    public async Task An_event_raised_on_one_instance_reaches_the_other_and_is_not_echoed_back()
    {
        var leadId = Guid.NewGuid();
        var raised = new LeadStateChanged(DateTimeOffset.UtcNow, "instance-a", leadId, SyncState.Synced, new SyncError("INVALID_DATA", "Email", "bad"));
        a.Bus.Publish(raised);

        Assert.Equal(raised, await NextAsync(b));

        // B answers; A sees its own event once (in-process), then B's — its NOTIFY echo was ignored in between.
        var answer = new EngineStateChanged(DateTimeOffset.UtcNow, "instance-b", EngineState.Pushing, 3, null, 5, "Pushing 3");
        b.Bus.Publish(answer);
        Assert.Equal(raised, await NextAsync(a));
        Assert.Equal(answer, await NextAsync(a));
        Assert.Equal(answer, await NextAsync(b)); // B's own, in-process
        Assert.False(b.Subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void A_payload_over_the_notify_limit_becomes_a_small_reload_event()
    {
        var huge = new EngineStateChanged(DateTimeOffset.UtcNow, "instance-a", EngineState.Error, 0, null, 0, new string('x', 9000));

        var payload = PostgresEventRelay.PayloadFor(huge);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(payload) < 8000);
        var relayed = Assert.IsType<LeadsChanged>(SyncEventJson.Deserialize(payload));
        Assert.Equal("instance-a", relayed.InstanceId);
    }

    private sealed record Instance(SyncEventBus Bus, PostgresEventRelay Relay, PostgresEventListener Listener, SyncEventSubscription Subscription);
}
