using System.Net;
using LeadSync.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Security;

/// <summary>
/// Sign-in for admins (Identity cookie on LeadSync's database), API keys for <c>/api</c>, the fallback policy that makes
/// every endpoint need one of them, Data Protection keys in the database, forwarded headers and shutdown timing.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncSecurity(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Data Protection (application name "LeadSync", keys in the database, shared by every instance) is set up by
        // Core's AddLeadSyncZoho; the auth cookie and antiforgery tokens use that key ring.

        services.AddAdminIdentity();
        services.AddSignInSchemes();

        // The antiforgery cookie is Secure whenever the request is HTTPS (directly or through a known proxy).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new SignedInOrPublicPathRequirement()).Build())
            .AddPolicy(SecurityConstants.ApiPolicy, policy => policy
                .AddAuthenticationSchemes(SecurityConstants.ApiKeyScheme)
                .RequireAuthenticatedUser());

        services.AddLeadSyncSessions();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<AdminAccounts>();
        services.AddSingleton<SetupConfirmation>();
        services.AddHostedService<AdminSeeder>();

        services.AddForwardedHeadersFromProxyOptions();

        // Let in-flight requests, sync batches and the outbox drain finish on SIGTERM (docker stop waits as long).
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddLeadSyncHardening();
        return services;
    }

    /// <summary>Honours <c>X-Forwarded-For</c>/<c>-Proto</c> from the configured proxies, when <c>Proxy:Enabled</c>.</summary>
    public static WebApplication UseLeadSyncForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>Admins are Identity users in LeadSync's database: unique emails, lockout after five failed sign-ins.</summary>
    private static void AddAdminIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<LeadSyncDbContext>()
            .AddSignInManager();
        // Every request re-checks the admin still exists (one indexed read): a removed admin is out at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
    }

    /// <summary>The API key scheme for <c>/api</c>, the admin cookie elsewhere (<see cref="SelectScheme"/> picks).</summary>
    private static void AddSignInSchemes(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SecurityConstants.SelectorScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SecurityConstants.SelectorScheme, "API key for /api, admin cookie elsewhere", options =>
                options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecurityConstants.ApiKeyScheme, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "LeadSync.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = SecurityConstants.SignInPath;
            options.LogoutPath = SecurityConstants.SignOutPath;
            options.AccessDeniedPath = SecurityConstants.SignInPath;
        });
    }

    /// <summary><c>X-Forwarded-For</c>/<c>-Proto</c> trusted from <see cref="ProxyOptions"/>' proxies and networks only.</summary>
    private static void AddForwardedHeadersFromProxyOptions(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    private static string SelectScheme(HttpContext context)
    {
        var path = context.Request.Path;
        if (SecurityConstants.IsApi(path))
        {
            return SecurityConstants.ApiKeyScheme;
        }

        // The OpenAPI document is for admins in a browser and for automation with a key alike.
        if (path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase) && ApiKeyAuthenticationHandler.ReadKey(context.Request) is not null)
        {
            return SecurityConstants.ApiKeyScheme;
        }

        return IdentityConstants.ApplicationScheme;
    }
}
