using LeadSync.Core.Data;
using LeadSync.Core.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Registers the Zoho CRM client, its options, token handling and the encrypted settings store. The host registers the
/// <see cref="IBuiltInZohoEndpoint"/> that Sandbox mode talks to.
/// </summary>
public static class ZohoServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncZoho(this IServiceCollection services)
    {
        services.AddOptions<ZohoOptions>()
            .BindConfiguration(ZohoOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !(o.Mode == ZohoMode.Live && (string.IsNullOrWhiteSpace(o.ClientId) != string.IsNullOrWhiteSpace(o.ClientSecret))),
                "Zoho:ClientId and Zoho:ClientSecret must be set together.")
            .ValidateOnStart();

        // Secrets in the settings table and the stored access token are encrypted with keys kept in the database,
        // so every instance can read what another wrote.
        services.AddDataProtection().PersistKeysToDbContext<LeadSyncDbContext>().SetApplicationName("LeadSync");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SettingsStore>();
        services.TryAddSingleton<ZohoSettingsStore>();
        services.TryAddSingleton<ZohoEffectiveMode>();
        services.TryAddSingleton<IZohoConnectionSettingsProvider, ZohoConnectionSettingsProvider>();
        services.TryAddSingleton<ZohoTransport>();
        services.TryAddSingleton<ZohoCallReporter>();
        services.TryAddSingleton<ZohoTokenStore>();
        services.TryAddSingleton<ZohoTokenProvider>();
        services.TryAddSingleton<IZohoCallGate, ZohoCallSlots>();
        services.TryAddSingleton<ZohoClient>();
        services.TryAddSingleton<IZohoClient>(sp => sp.GetRequiredService<ZohoClient>());
        services.TryAddSingleton<Bulk.IZohoBulkReadClient>(sp => sp.GetRequiredService<ZohoClient>());
        services.TryAddSingleton<Bulk.IZohoBulkWriteClient>(sp => sp.GetRequiredService<ZohoClient>());
        return services;
    }
}
