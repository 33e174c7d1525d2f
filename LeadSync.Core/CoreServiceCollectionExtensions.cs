using LeadSync.Core.Conflicts;
using LeadSync.Core.Data;
using LeadSync.Core.Diagnostics;
using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer.Import;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync;
using LeadSync.Core.Webhooks;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadSync.Core;

/// <summary>Everything LeadSync.Core offers, registered in one call.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLeadSyncData(configuration, contentRoot);
        services.AddOptions<LeadListOptions>().BindConfiguration(LeadListOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LeadQueries>();
        services.AddSingleton<LeadSync.Core.Leads.Transfer.LeadCsvExport>();
        services.AddSingleton<LeadSync.Core.Api.IdempotencyStore>();
        services.AddSingleton<LeadCommands>();
        services.AddSingleton<LeadBulkCommands>();
        services.AddLeadSyncImport();
        services.AddLeadSyncZoho();
        services.AddLeadSyncSync(configuration);
        services.AddLeadSyncOperations();
        services.AddLeadSyncSettings();
        services.AddLeadSyncMonitoring();
        services.AddLeadSyncConflicts();
        services.AddLeadSyncWebhooks();
        services.AddLeadSyncFields();
        return services;
    }
}
