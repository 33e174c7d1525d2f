using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace LeadSync.Core.Sync;

/// <summary>
/// Reads an async sequence ahead of its consumer: while the pull applies page k, the request for page k+1 is already
/// on its way. At most <c>ahead</c> items wait (plus the one being fetched), so memory stays bounded. Items arrive in
/// order; an error of the source surfaces after the items before it; when the consumer stops early (an error while
/// applying, cancellation) the read-ahead is cancelled and awaited.
/// </summary>
public static class PrefetchExtensions
{
    public static async IAsyncEnumerable<T> PrefetchAsync<T>(
        this IAsyncEnumerable<T> source, int ahead = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(ahead, 1);
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    await channel.Writer.WriteAsync(item, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
