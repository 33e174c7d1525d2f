using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Settings;

/// <summary>Run-time settings (stored overrides seen by <c>IOptionsMonitor</c>) and the Settings page's services.</summary>
public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncSettings(this IServiceCollection services)
    {
        services.AddOptions<RuntimeSettingsOptions>().BindConfiguration(RuntimeSettingsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CreditBudgetOptions>().BindConfiguration(CreditBudgetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SettingsStore>();
        services.AddSingleton<RuntimeSettings>();
        AddRuntimeLayer<SyncOptions>(services, SyncOptions.SectionName);
        AddRuntimeLayer<ZohoOptions>(services, ZohoOptions.SectionName);
        AddRuntimeLayer<CreditBudgetOptions>(services, CreditBudgetOptions.SectionName);
        services.AddHostedService<RuntimeSettingsRefresher>();
        services.AddSingleton<SyncSettingsService>();
        services.AddSingleton<ZohoConnectionService>();
        return services;
    }

    private static void AddRuntimeLayer<TOptions>(IServiceCollection services, string sectionName)
        where TOptions : class
    {
        services.AddSingleton<IPostConfigureOptions<TOptions>>(sp => new RuntimeSettingsPostConfigure<TOptions>(sp.GetRequiredService<RuntimeSettings>(), sectionName));
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(sp => new RuntimeSettingsChangeTokenSource<TOptions>(sp.GetRequiredService<RuntimeSettings>()));
    }
}
