using LeadSync.Core.Sync;

namespace LeadSync.Tests.Core.Sync;

/// <summary>The outbox's backoff: each wait between half its step and the step, the step doubling up to the cap.</summary>
public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 1_000, 1_000)]
    [InlineData(2, 1_000, 2_000)]
    [InlineData(4, 1_000, 8_000)]
    [InlineData(20, 1_000, 60_000)] // capped
    public void Every_wait_is_between_half_the_step_and_the_step(int attempt, int baseMs, int stepMs)
    {
        var waits = Enumerable.Range(0, 2_000)
            .Select(_ => Backoff.Delay(attempt, TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromMinutes(1)).TotalMilliseconds)
            .ToList();

        Assert.All(waits, w => Assert.InRange(w, stepMs / 2.0, stepMs));
        Assert.True(waits.Max() - waits.Min() > stepMs / 4.0, "the waits are spread, not one value"); // 2,000 draws of [s/2, s]
    }

    [Fact] // a test holding an entry back with a one-minute base relies on this: it is not due again within 30 s
    public void An_entry_held_back_for_a_minute_is_not_due_again_within_half_a_minute()
    {
        var shortest = Enumerable.Range(0, 10_000).Min(_ => Backoff.Delay(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));

        Assert.True(shortest >= TimeSpan.FromSeconds(30), $"shortest wait {shortest}");
    }
}
