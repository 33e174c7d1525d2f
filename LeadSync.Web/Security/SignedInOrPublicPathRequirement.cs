using Microsoft.AspNetCore.Authorization;

namespace LeadSync.Web.Security;

/// <summary>
/// The fallback policy: an endpoint without its own authorization metadata needs a signed-in user, unless its path is
/// one of <see cref="SecurityConstants.PublicPathPrefixes"/>.
/// </summary>
internal sealed class SignedInOrPublicPathRequirement
    : AuthorizationHandler<SignedInOrPublicPathRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInOrPublicPathRequirement requirement)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var isPublic = context.Resource is HttpContext http && SecurityConstants.IsPublic(http.Request.Path);
        if (signedIn || isPublic)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
