using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadSync.Web.Operations;

/// <summary>Ready when the database answers a query and has no pending migration.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<LeadSyncDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"The {db.Provider} database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending > 0
                ? HealthCheckResult.Unhealthy($"The {db.Provider} database has {pending} pending migration(s): run the app with --migrate.")
                : HealthCheckResult.Healthy($"The {db.Provider} database is reachable and up to date.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception type says enough; messages can carry connection details.
            return HealthCheckResult.Unhealthy($"The database check failed ({ex.GetType().Name}).");
        }
    }
}
