using Microsoft.Extensions.Options;

namespace LeadSync.Core.Webhooks;

/// <summary>The watch channel's state for the dashboard and settings pages (never the token).</summary>
public sealed class WebhookChannelQueries(WebhookChannelStore store, IOptionsMonitor<WebhookOptions> options)
{
    public Task<WebhookChannelState> GetAsync(CancellationToken cancellationToken = default) =>
        store.GetStateAsync(options.CurrentValue.Enabled, cancellationToken);
}
