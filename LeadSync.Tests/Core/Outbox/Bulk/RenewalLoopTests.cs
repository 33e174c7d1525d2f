using LeadSync.Core.Outbox.Bulk;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>
/// The loop the lease keepers run (a bulk push's reservation, a Bulk Write job's follow), on a fake clock: a renewal the
/// database does not answer is tried again at the next turn instead of ending the keeping.
/// </summary>
public sealed class RenewalLoopTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Renewals_go_on_past_failed_ones_until_one_finds_the_hold_gone()
    {
        var calls = 0;
        var answers = new Func<bool>[]
        {
            () => throw new InvalidOperationException("Npgsql's retrying strategy gave up"),
            () => throw new TimeoutException("the database did not answer"),
            () => true,
            () => false,
        };
        var loop = RenewalLoop.RunAsync(Every, clock, _ => Task.FromResult(answers[Interlocked.Increment(ref calls) - 1]()), TestContext.Current.CancellationToken);

        for (var turn = 1; turn <= answers.Length; turn++)
        {
            Assert.False(loop.IsCompleted);
            await TurnAsync(() => Volatile.Read(ref calls) == turn);
        }

        Assert.False(await loop); // the hold is gone: the keeper's owner is told
        Assert.Equal(answers.Length, calls);
    }

    [Fact]
    public async Task Stopping_ends_the_loop_quietly_between_renewals_and_in_the_middle_of_one()
    {
        using var between = new CancellationTokenSource();
        var idle = RenewalLoop.RunAsync(Every, clock, _ => Task.FromResult(true), between.Token);
        await between.CancelAsync();
        Assert.True(await idle);

        using var during = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = RenewalLoop.RunAsync(Every, clock, async token =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token); // a renewal still waiting on the database
            return true;
        }, during.Token);
        await TurnAsync(() => started.Task.IsCompleted);
        await during.CancelAsync();
        Assert.True(await busy); // never throws: the owner awaits it as it ends
    }

    /// <summary>Moves the clock one turn on, then waits (in real time, bounded) until <paramref name="done"/>.</summary>
    private async Task TurnAsync(Func<bool> done)
    {
        clock.Advance(Every);
        var until = DateTime.UtcNow.AddSeconds(10); // a bound, not a speed
        while (!done() && DateTime.UtcNow < until)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.True(done());
    }
}
