using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadSync.Core.Security;
using LeadSync.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Security;

/// <summary>
/// Authenticates <c>/api</c> calls by API key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// A challenge answers 401 with a problem document (never a redirect to the sign-in page). The key is never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys keys,
    IOptions<ApiOptions> api) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";
    public const string KeyPrefixClaim = "leadsync:api_key_prefix";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await keys.ValidateAsync(presented, api.Value.BootstrapKey, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var claims = new[]
        {
            new Claim(ClaimTypes.NameIdentifier, identity.Id?.ToString() ?? "bootstrap"),
            new Claim(ClaimTypes.Name, identity.Name),
            new Claim(KeyPrefixClaim, identity.Prefix),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadSync API\"";
        var detail = ReadKey(Request) is null
            ? "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Admins create keys under Settings → API keys."
            : "The API key is not valid (unknown or revoked).";
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await TypedResults.Problem("This API key may not do that.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);

    /// <summary>The key from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, or null when neither is present.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header.ToString()))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
