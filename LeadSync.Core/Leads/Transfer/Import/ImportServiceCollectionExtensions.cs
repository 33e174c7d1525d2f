using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>The CSV import's services, registered in one call from <see cref="CoreServiceCollectionExtensions"/>.</summary>
public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncImport(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportJobStore>();
        services.AddSingleton<ImportBatchPlanner>();
        services.AddSingleton<ImportUpdateApplier>();
        services.AddSingleton<ImportBatchWriter>();
        services.AddSingleton<ImportPace>();
        services.AddSingleton<ImportJobRunner>();
        services.AddSingleton<LeadImportJobs>();
        services.AddSingleton<LeadImportPreview>();
        services.AddHostedService<ImportJobResumer>();
        return services;
    }
}
