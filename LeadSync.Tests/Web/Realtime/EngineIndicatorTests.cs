using Bunit;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Realtime;

public sealed class EngineIndicatorTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = ConsoleTestContext.Live();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public void Starts_from_the_engines_current_status()
    {
        var indicator = ctx.Render<EngineIndicator>();

        indicator.WaitForAssertion(() => Assert.Equal("Idle", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));
        Assert.Contains("Idle", indicator.Find("[data-testid=engine-indicator]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EngineState.Pulling, 0, "Pulling")]
    [InlineData(EngineState.Pushing, 12, "Pushing 12")]
    [InlineData(EngineState.RateLimited, 0, "Rate-limited · retrying")]
    [InlineData(EngineState.Unauthorized, 0, "Unauthorized")]
    [InlineData(EngineState.Error, 0, "Error")]
    [InlineData(EngineState.Idle, 0, "Idle")]
    public void Shows_each_engine_state_live(EngineState state, int pushing, string label)
    {
        var indicator = ctx.Render<EngineIndicator>();
        indicator.WaitForAssertion(() => Assert.Equal("Idle", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));

        // Something else first, so the Idle case is a real change too.
        ctx.Bus.Publish(new EngineStateChanged(DateTimeOffset.UtcNow, ctx.InstanceId, EngineState.Pulling, 0, null, 3, null));
        indicator.WaitForAssertion(() => Assert.Equal("Pulling", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));
        ctx.Bus.Publish(new EngineStateChanged(DateTimeOffset.UtcNow.AddMilliseconds(1), ctx.InstanceId, state, pushing, DateTimeOffset.UtcNow, 7, "detail"));

        indicator.WaitForAssertion(() =>
        {
            var chip = indicator.Find("[data-testid=engine-indicator]");
            Assert.Equal(state.ToString(), chip.GetAttribute("data-state"));
            Assert.Equal(label, chip.TextContent.Trim());
            Assert.Equal("7", chip.GetAttribute("data-pending"));
        });
    }

    [Fact]
    public void A_busy_state_relayed_from_another_instance_shows_beside_an_idle_local_engine()
    {
        var indicator = ctx.Render<EngineIndicator>();
        indicator.WaitForAssertion(() => Assert.Equal("Idle", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));

        ctx.Bus.PublishFromRelay(new EngineStateChanged(DateTimeOffset.UtcNow, "other-instance", EngineState.RateLimited, 0, null, 0, null));

        indicator.WaitForAssertion(() =>
            Assert.Equal("RateLimited", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));
    }

    [Fact]
    public void Rate_limited_counts_down_to_the_engines_retry_and_clears_when_a_call_goes_through()
    {
        var indicator = ctx.Render<EngineIndicator>();
        indicator.WaitForAssertion(() => Assert.Equal("Idle", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));
        var engine = ctx.Services.GetRequiredService<EngineStateTracker>();

        engine.RateLimited(TimeSpan.FromSeconds(30)); // the client's next attempt, as SyncCallCounter reports it

        indicator.WaitForAssertion(() => Assert.Matches(
            "^Rate-limited · retry in (29|30) s$", indicator.Find("[data-testid=engine-indicator]").TextContent.Trim()));
        indicator.WaitForAssertion(
            () => Assert.Matches("^Rate-limited · retry in (2[0-8]) s$", indicator.Find("[data-testid=engine-indicator]").TextContent.Trim()),
            TimeSpan.FromSeconds(10)); // it follows the clock, not only events

        engine.CallSucceeded();

        indicator.WaitForAssertion(() => Assert.Equal("Idle", indicator.Find("[data-testid=engine-indicator]").GetAttribute("data-state")));
    }
}
