using System.Threading.Channels;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// Verified notifications waiting to be pulled (bounded; the receiver answers Zoho at once). When full, a notification
/// is dropped: the scheduled pull is the safety net.
/// </summary>
public sealed class WebhookNotificationInbox(IOptions<WebhookOptions> options)
{
    private readonly Channel<ZohoNotification> queue = Channel.CreateBounded<ZohoNotification>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<ZohoNotification> Reader => queue.Reader;

    /// <summary>Queues a notification; false when the queue is full.</summary>
    public bool TryEnqueue(ZohoNotification notification) => queue.Writer.TryWrite(notification);
}
