using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Webhooks;

/// <summary>Registers Zoho notifications: the watch channel (kept and renewed) and the background pull of notified ids.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookChannelStore>();
        services.AddSingleton<WebhookChannelManager>();
        services.AddSingleton<WebhookChannelQueries>();
        services.AddSingleton<WebhookNotificationInbox>();
        services.AddSingleton<OwnWriteEchoes>();
        services.AddHostedService<WebhookNotificationWorker>();
        services.AddHostedService<WebhookChannelStartup>();
        services.AddTransient<RenewWebhookChannelJob>();
        return services;
    }
}
