using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadSync.Web.Security;

/// <summary>
/// Hardening beside sign-in and API keys (issue 11): browser security headers on every response, no <c>Server</c>
/// header, the admin password policy, and per-address limits on failed sign-ins and API-key attempts. Registered from
/// <see cref="SecurityServiceCollectionExtensions.AddLeadSyncSecurity"/>.
/// </summary>
internal static class HardeningServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncHardening(this IServiceCollection services)
    {
        // "Server: Kestrel" tells a scanner what to try; nothing needs it.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        // AdminPasswordValidator replaces Identity's composition rules (digit, upper, lower, symbol; 6 characters) with
        // ASVS level 2's length, deny list and no-email rules. The options say the same for anything that reads them.
        services.AddSingleton(_ => CommonPasswords.LoadEmbedded());
        services.Replace(ServiceDescriptor.Scoped<IPasswordValidator<IdentityUser>, AdminPasswordValidator>());
        services.Configure<IdentityOptions>(options => AdminPasswordValidator.Apply(options.Password));

        services.AddOptions<FailedAttemptOptions>().BindConfiguration(FailedAttemptOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedAttemptTracker>();
        return services;
    }

    /// <summary>First in the pipeline, so every response (static files, errors, re-executed 404 pages) gets the headers.</summary>
    public static WebApplication UseLeadSyncSecurityHeaders(this WebApplication app)
    {
        app.Use(SecurityHeaders.InvokeAsync);
        return app;
    }
}
