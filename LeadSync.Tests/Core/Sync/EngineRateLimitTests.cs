using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// Issue 15.10: the engine indicator stayed "Rate-limited" 10–12 s after Zoho recovered, with no countdown. The
/// engine's rate limit now lasts until the client's retry (which it publishes, for the countdown) and ends on the first
/// call that goes through.
/// </summary>
public sealed class EngineRateLimitTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly List<SyncEvent> published = [];
    private readonly EngineStateTracker engine;
    private readonly SyncCallCounter counter;

    public EngineRateLimitTests()
    {
        engine = new EngineStateTracker(new Sink(published), new SyncInstance(Options.Create(new SyncOptions { InstanceId = "test" })), time);
        counter = new SyncCallCounter(engine);
    }

    [Fact]
    public void A_429_then_a_retry_delay_publishes_when_the_engine_calls_again()
    {
        counter.OnCall(Call(429, "TOO_MANY_REQUESTS"));
        ((IZohoCallObserver)counter).OnRetry("TOO_MANY_REQUESTS", TimeSpan.FromSeconds(8));

        Assert.Equal(EngineState.RateLimited, engine.State);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(8), engine.RetryAt);
        var last = Assert.IsType<EngineStateChanged>(published[^1]);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(8), last.RetryAt);
    }

    [Fact]
    public void The_first_call_that_goes_through_ends_the_rate_limit_at_once()
    {
        counter.OnCall(Call(429, "TOO_MANY_REQUESTS"));
        time.Advance(TimeSpan.FromSeconds(1)); // well inside the ten seconds a 429 alone holds

        counter.OnCall(Call(200, null));

        Assert.Equal(EngineState.Idle, engine.State);
        Assert.Null(engine.RetryAt);
        Assert.Equal(EngineState.Idle, Assert.IsType<EngineStateChanged>(published[^1]).State);
    }

    [Fact]
    public void A_429_with_no_retry_coming_is_rate_limited_without_a_made_up_countdown()
    {
        counter.OnCall(Call(429, "TOO_MANY_REQUESTS"));

        Assert.Equal(EngineState.RateLimited, engine.State);
        Assert.Null(engine.RetryAt);
    }

    [Fact]
    public void A_retry_after_another_failure_starts_no_countdown()
    {
        ((IZohoCallObserver)counter).OnRetry("INTERNAL_ERROR", TimeSpan.FromSeconds(3));

        Assert.Equal(EngineState.Idle, engine.State);
        Assert.Null(engine.RetryAt);
    }

    private static ZohoCallRecord Call(int status, string? code) => new("PUT", "/crm/v8/Leads", status, 1, 1, TimeSpan.Zero, code, null);

    private sealed class Sink(List<SyncEvent> published) : ISyncEventSink
    {
        public void Publish(SyncEvent syncEvent) => published.Add(syncEvent);
    }
}
