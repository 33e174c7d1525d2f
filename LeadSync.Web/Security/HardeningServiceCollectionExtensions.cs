using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LeadSync.Web.Security;

/// <summary>
/// Hardening beside sign-in and API keys (issue 11): browser security headers on every response and no
/// <c>Server</c> header. Registered from <see cref="SecurityServiceCollectionExtensions.AddLeadSyncSecurity"/>.
/// </summary>
internal static class HardeningServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncHardening(this IServiceCollection services)
    {
        // "Server: Kestrel" tells a scanner what to try; nothing needs it.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        return services;
    }

    /// <summary>First in the pipeline, so every response (static files, errors, re-executed 404 pages) gets the headers.</summary>
    public static WebApplication UseLeadSyncSecurityHeaders(this WebApplication app)
    {
        app.Use(SecurityHeaders.InvokeAsync);
        return app;
    }
}
