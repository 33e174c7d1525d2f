using LeadSync.Core.Data;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Security;

/// <summary>
/// At startup (after migrations), creates the first admin from <c>Admin:Email</c>/<c>Admin:Password</c> when both are set
/// and no admin exists yet. Does nothing otherwise; the password is never logged. Instances starting together decide
/// under one deployment-wide lock, so exactly one creates the admin and the others find it.
/// </summary>
internal sealed class AdminSeeder(IOptions<AdminOptions> options, AdminAccounts admins, DeploymentLocks locks, ILogger<AdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password) || await admins.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var held = await locks.AcquireAsync(PostgresAdvisoryLock.AdminSeed, cancellationToken);
        if (await admins.AnyAsync(cancellationToken))
        {
            return; // Another instance created it while this one waited.
        }

        var result = await admins.CreateFirstAsync(admin.Email, admin.Password, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Admin:Email/Admin:Password could not create the first admin: " + string.Join(" ", result.Errors.Select(e => e.Message)));
        }

        logger.LogInformation("Created the first admin {Email} from configuration", admin.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
