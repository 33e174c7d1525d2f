using LeadSync.Web.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Web.Realtime;

public sealed class RenderThrottleTests
{
    [Fact]
    public void A_thousand_signals_within_one_window_flush_once()
    {
        var clock = new FakeTimeProvider();
        var flushes = 0;
        using var throttle = new RenderThrottle(clock, RenderThrottle.DefaultInterval, () =>
        {
            flushes++;
            return Task.CompletedTask;
        });

        for (var i = 0; i < 1000; i++)
        {
            throttle.Signal();
        }

        Assert.Equal(0, flushes);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, flushes);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, flushes);
    }

    [Fact]
    public void Signals_spread_over_a_second_flush_at_most_ten_times()
    {
        var clock = new FakeTimeProvider();
        var flushes = 0;
        using var throttle = new RenderThrottle(clock, RenderThrottle.DefaultInterval, () =>
        {
            flushes++;
            return Task.CompletedTask;
        });

        for (var i = 0; i < 1000; i++)
        {
            throttle.Signal();
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.InRange(flushes, 9, 11);
    }
}
