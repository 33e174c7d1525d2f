using LeadSync.Core.Zoho;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Registers the built-in Zoho CRM sandbox (its services always; it serves requests only while in effect) and makes it
/// Core's <see cref="IBuiltInZohoEndpoint"/>, the Zoho that Sandbox mode talks to.
/// </summary>
public static class ZohoSandboxServiceCollectionExtensions
{
    public static IServiceCollection AddZohoSandbox(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<ZohoSandboxOptions>().BindConfiguration(ZohoSandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<ZohoSandboxOptions>>().Value.DataPath;
            return new SandboxDatabase(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
        });
        services.AddSingleton<SandboxCredentialStore>();
        services.AddSingleton<IBuiltInZohoEndpoint, KestrelZohoSandboxEndpoint>();
        services.AddSingleton<SandboxAvailability>();
        services.AddSingleton<SandboxGate>();
        services.AddSingleton<SandboxClock>();
        services.AddSingleton<SandboxFaultInjector>();
        services.AddSingleton<SandboxLeadStore>();
        services.AddSingleton<SandboxTokenService>();
        services.AddSingleton<SandboxCallLimiter>();
        services.AddSingleton<SandboxPageTokens>();
        services.AddSingleton<SandboxWatchRegistry>();
        services.AddSingleton<SandboxNotifier>();
        services.AddSingleton<SandboxWorkflowRunner>();
        services.AddSingleton<SandboxLeadService>();
        services.AddSingleton<SandboxJson>();
        services.AddSingleton<SandboxApiCalls>();
        services.AddSingleton<SandboxListHandler>();
        services.AddSingleton<SandboxDeletedHandler>();
        services.AddSingleton<SandboxApiFilter>();
        services.AddSingleton<ZohoSandboxControl>();
        services.AddSingleton<SandboxNotifyTargets>();
        services.AddSingleton<SandboxBulkFiles>();
        services.AddSingleton<SandboxBulkJobs>();
        services.AddSingleton<SandboxBulkJson>();
        services.AddSingleton<SandboxBulkCallbackTargets>();
        services.AddSingleton<SandboxBulkCallbacks>();
        services.AddSingleton<SandboxBulkRowApplier>();
        services.AddSingleton<SandboxBulkWriter>();
        services.AddSingleton<SandboxBulkReader>();
        services.AddSingleton<SandboxBulkStepper>();
        services.AddSingleton<SandboxDownloadLimiter>();
        // Callbacks go to the app's own webhook only, and a redirect cannot send them anywhere else.
        services.AddHttpClient(SandboxNotificationDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHostedService<SandboxStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxWorkflowRunner>());
        services.AddHostedService<SandboxNotificationDispatcher>();
        services.AddHostedService<SandboxBulkRunner>();
        return services;
    }
}
