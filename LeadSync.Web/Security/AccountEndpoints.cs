using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace LeadSync.Web.Security;

/// <summary>The sign-out endpoint (a form post with an antiforgery token from the app bar).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapLeadSyncAccount(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SecurityConstants.SignOutPath, SignOutAsync).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
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
