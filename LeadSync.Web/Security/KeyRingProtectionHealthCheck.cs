using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadSync.Web.Security;

/// <summary>
/// <c>/readyz</c> says whether the Data Protection key ring is encrypted: Degraded (still ready, HTTP 200) when it is
/// not, outside Development, so an operator's dashboard shows it.
/// </summary>
internal sealed class KeyRingProtectionHealthCheck(KeyRingProtection protection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (protection.Certificate is { } certificate)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"The key ring is encrypted with certificate {certificate.Thumbprint}."));
        }

        const string unencrypted = "The key ring is stored unencrypted in the database it protects: the database alone decrypts the stored Zoho secrets and tokens. Set DataProtection:CertificatePath.";
        return Task.FromResult(protection.IsDevelopment ? HealthCheckResult.Healthy(unencrypted) : HealthCheckResult.Degraded(unencrypted));
    }
}
