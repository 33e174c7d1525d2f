using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's Zoho Accounts endpoints (§1.3, §1.5). Errors are HTTP 200 with an <c>error</c> key, like Zoho. Revoking
/// needs the client's id and secret as well as the token.
/// </summary>
internal static class SandboxOAuthEndpoints
{
    public static void MapSandboxOAuth(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/oauth/v2/token", TokenAsync).DisableAntiforgery();
        routes.MapPost("/oauth/v2/token/revoke", RevokeAsync).DisableAntiforgery();
    }

    private static async Task<IResult> TokenAsync(
        HttpContext context, SandboxTokenService tokens, IOptions<ZohoSandboxOptions> options, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        string? Param(string name) => form?[name].FirstOrDefault() is { Length: > 0 } f ? f : request.Query[name].FirstOrDefault();

        var client = SandboxClientAuthentication.Read(request, Param);
        var outcome = await tokens.RefreshAsync(Param("grant_type"), client.ClientId, client.ClientSecret, Param("refresh_token"), cancellationToken);
        if (outcome.Succeeded)
        {
            return SandboxJson.Send(new JsonObject
            {
                ["access_token"] = outcome.AccessToken,
                ["scope"] = "ZohoCRM.modules.leads.ALL ZohoCRM.notifications.ALL",
                ["api_domain"] = SandboxApiCalls.ApiBase(request),
                ["token_type"] = "Bearer",
                ["expires_in"] = outcome.ExpiresInSeconds,
            }, 200);
        }

        if (outcome.Error == SandboxTokenOutcome.Throttled)
        {
            return SandboxJson.Send(new JsonObject
            {
                ["error_description"] = "You have made too many requests continuously. Please try again after some time.",
                ["error"] = SandboxTokenOutcome.Throttled,
                ["status"] = "failure",
            }, options.Value.TokenThrottleStatusCode);
        }

        return SandboxJson.Send(new JsonObject { ["error"] = outcome.Error }, 200);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, SandboxTokenService tokens, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        string? Param(string name) => form?[name].FirstOrDefault() is { Length: > 0 } f ? f : request.Query[name].FirstOrDefault();

        var client = SandboxClientAuthentication.Read(request, Param);
        return await tokens.RevokeAsync(client.ClientId, client.ClientSecret, Param("token"), cancellationToken) switch
        {
            SandboxRevokeOutcome.Revoked => SandboxJson.Send(new JsonObject { ["status"] = "success" }, 200),
            SandboxRevokeOutcome.InvalidClient => SandboxJson.Send(new JsonObject { ["error"] = "invalid_client" }, 200),
            _ => SandboxJson.Send(new JsonObject { ["error"] = "invalid_code" }, 200),
        };
    }
}
