using LeadSync.Core.Zoho;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Sandbox;

/// <summary>Registers the built-in Zoho CRM sandbox (its services always; its endpoints and data only in Sandbox mode).</summary>
public static class ZohoSandboxServiceCollectionExtensions
{
    public static IServiceCollection AddZohoSandbox(this IServiceCollection services, string contentRoot)
    {
        // Read when first needed: hosts and test factories may add configuration after this registration runs.
        services.AddSingleton(sp => new ZohoSandboxActivation(IsSandbox(sp.GetRequiredService<IConfiguration>()["Zoho:Mode"])));
        services.AddOptions<ZohoSandboxOptions>().BindConfiguration(ZohoSandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<ZohoSandboxOptions>>().Value.DataPath;
            return new SandboxDatabase(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
        });
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
        services.AddHttpClient(SandboxNotificationDispatcher.HttpClientName);
        services.AddHostedService<SandboxStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxWorkflowRunner>());
        services.AddHostedService<SandboxNotificationDispatcher>();
        return services;
    }

    private static bool IsSandbox(string? mode) =>
        string.IsNullOrWhiteSpace(mode) || (Enum.TryParse<ZohoMode>(mode, ignoreCase: true, out var parsed) && parsed == ZohoMode.Sandbox);
}
