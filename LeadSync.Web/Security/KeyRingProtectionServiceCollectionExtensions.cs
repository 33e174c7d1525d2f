using LeadSync.Web.Operations;
using Microsoft.AspNetCore.DataProtection;

namespace LeadSync.Web.Security;

/// <summary>Wires <see cref="KeyRingProtection"/> into Data Protection (set up by Core with the keys in the database).</summary>
internal static class KeyRingProtectionServiceCollectionExtensions
{
    public const string HealthCheckName = "keyRing";

    public static IServiceCollection AddLeadSyncKeyRingProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(KeyRingProtectionOptions.SectionName).Get<KeyRingProtectionOptions>() ?? new KeyRingProtectionOptions();
        var protection = KeyRingProtection.FromOptions(options, environment.IsDevelopment());
        services.AddSingleton(protection);
        if (protection.Certificate is { } certificate)
        {
            services.AddDataProtection()
                .ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate([.. protection.DecryptionCertificates]);
        }
        else if (protection.DecryptionCertificates.Count > 0)
        {
            services.AddDataProtection().UnprotectKeysWithAnyCertificate([.. protection.DecryptionCertificates]);
        }

        services.AddHealthChecks().AddCheck<KeyRingProtectionHealthCheck>(HealthCheckName, tags: [OperationsServiceCollectionExtensions.ReadyTag]);
        return services;
    }
}
