using System.Threading.Channels;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Queues a watch callback (§5) for every subscribed, unexpired channel after each change; one callback per channel
/// carries all ids of that write. Delivery happens in the background (<see cref="SandboxNotificationDispatcher"/>),
/// never blocking the write.
/// </summary>
public sealed class SandboxNotifier(SandboxWatchRegistry registry, TimeProvider timeProvider)
{
    private readonly Channel<SandboxCallback> queue = Channel.CreateUnbounded<SandboxCallback>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<SandboxCallback> Pending => queue.Reader;

    public void Publish(string operation, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        foreach (var channel in registry.Subscribers(operation, now))
        {
            queue.Writer.TryWrite(new SandboxCallback(channel, operation, ids, now));
        }
    }
}
