using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace LeadSync.Web.Security;

/// <summary>
/// Sign-out (a form post with an antiforgery token from the app bar) ends this session server-side; "sign out
/// everywhere" (Settings → Admins) ends every session of the signed-in admin.
/// </summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapLeadSyncAccount(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SecurityConstants.SignOutPath, SignOutAsync).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(SecurityConstants.SignOutEverywherePath, SignOutEverywhereAsync).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignOutEverywhereAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn, AdminSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("The form expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (signIn.UserManager.GetUserId(context.User) is { } userId)
        {
            await sessions.EndAllAsync(userId, context.RequestAborted);
        }

        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(SecurityConstants.SignInPath + "?signedOut=true");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("The sign-out form expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(SecurityConstants.SignInPath + "?signedOut=true");
    }
}
