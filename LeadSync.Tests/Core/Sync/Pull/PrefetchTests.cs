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
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await foreach (var item in Endless(cancelled, Token).PrefetchAsync(cancellationToken: Token))
        {
            if (item == 1)
            {
                break;
            }
        }

        // Leaving the loop awaited the producer, which saw its cancellation.
        Assert.True(cancelled.Task.IsCompleted);
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

    private static async IAsyncEnumerable<int> Endless(TaskCompletionSource cancelled, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        for (var i = 0; ; i++)
        {
            await Task.Delay(1, cancellationToken);
            yield return i;
        }
    }
}
