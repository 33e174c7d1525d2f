using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Security;

/// <summary>
/// Server-side console sessions (<see cref="AdminSessionStore"/>), and the admin cookie's redirects: challenges answer
/// machines with a status (<c>/hubs</c> SignalR negotiate and <c>/api</c> get 401/403, pages get the sign-in page), and
/// the return URL after sign-in is the sign-in page's own checked one.
/// </summary>
internal static class SessionServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncSessions(this IServiceCollection services)
    {
        services.AddSingleton<AdminSessionStore>();
        services.AddSingleton<AdminSessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AdminSessionStore>((options, store) =>
            {
                options.SessionStore = store;
                options.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
                // Signing in on the sign-in page: the page itself redirects to a checked, ASCII-encoded return URL
                // (SignInPage.SafeReturnUrl); the cookie handler must not write the raw ReturnUrl into Location.
                options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
            });
        // The security stamp check (every request) builds a fresh principal: it keeps naming the same session.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(AdminSessionStore.SessionClaim) is { } session && context.NewPrincipal is { } principal)
            {
                AdminSessionStore.Name(principal, session.Value);
            }

            return Task.CompletedTask;
        });
        return services;
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) || SecurityConstants.IsApi(path)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
