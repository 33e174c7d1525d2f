using System.Runtime.CompilerServices;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>The pull reads one page ahead of the page it applies (<see cref="PrefetchExtensions"/>).</summary>
public sealed class PrefetchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Items_arrive_in_order_and_the_next_is_requested_while_the_current_is_processed()
    {
        var requested = 0;
        var seen = new List<(int Item, int RequestedWhenSeen)>();
        await foreach (var item in Source(5, onRequest: () => Interlocked.Increment(ref requested)).PrefetchAsync(cancellationToken: Token))
        {
            // Give the read-ahead time to ask for the next item while this one is "applied".
            await Eventually.TrueAsync(
                () => Volatile.Read(ref requested) >= Math.Min(item + 2, 5), $"the read-ahead requested the item after {item}", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));
            seen.Add((item, Volatile.Read(ref requested)));
        }

        Assert.Equal([0, 1, 2, 3, 4], seen.Select(s => s.Item));
        // While item k is processed, item k+1 has been requested — and the read-ahead is bounded: one waiting item
        // plus the one being fetched.
        Assert.All(seen.SkipLast(1), s => Assert.InRange(s.RequestedWhenSeen, s.Item + 2, s.Item + 3));
    }

    [Fact]
    public async Task An_error_of_the_source_surfaces_after_the_items_before_it()
    {
        var received = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in Source(3, failAfter: 2).PrefetchAsync(cancellationToken: Token))
            {
                received.Add(item);
            }
        });

        Assert.Equal([0, 1], received);
        Assert.Equal("page 2 failed", error.Message);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_read_ahead()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await foreach (var item in Endless(ended, Token).PrefetchAsync(cancellationToken: Token))
        {
            if (item == 1)
            {
                break;
            }
        }

        // Leaving the loop cancelled the read-ahead (an endless source ends no other way) and awaited it.
        Assert.True(ended.Task.IsCompleted);
    }

    private static async IAsyncEnumerable<int> Source(int count, Action? onRequest = null, int failAfter = -1)
    {
        for (var i = 0; i < count; i++)
        {
            onRequest?.Invoke();
            await Task.Yield();
            if (i == failAfter)
            {
                throw new InvalidOperationException($"page {i} failed");
            }

            yield return i;
        }
    }

    /// <summary>
    /// Items until its reader stops; <paramref name="ended"/> completes when the sequence ends — which, endless, it does
    /// only when the reader cancels it. Recorded as it ends, not by a callback on the token: cancelling the token can
    /// complete the pending delay (or the producer's pending write) first, the sequence then unwinds on that same thread,
    /// and a callback registration disposed while unwinding never runs (the clean-clone run of 2026-12-06 failed so).
    /// </summary>
    private static async IAsyncEnumerable<int> Endless(TaskCompletionSource ended, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; ; i++)
            {
                await Task.Delay(1, cancellationToken);
                yield return i;
            }
        }
        finally
        {
            ended.TrySetResult();
        }
    }
}
