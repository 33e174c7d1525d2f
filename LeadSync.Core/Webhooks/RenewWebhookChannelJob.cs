using Coravel.Invocable;

namespace LeadSync.Core.Webhooks;

/// <summary>Every hour: renews the watch channel when less than a day is left, re-enables it when Zoho lost it.</summary>
public sealed class RenewWebhookChannelJob(WebhookChannelManager manager) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => manager.EnsureChannelAsync(CancellationToken);
}
